import { parse } from 'parse5';
import { describe, expect, inject, it } from 'vitest';
import { IMG, SCRIPT } from './hostile';
import { fileFor, htmlFiles, read } from './site';

type Node = {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
  value?: string;
};

/** Every element of a parsed document (template contents included). */
function* elements(node: Node): Generator<Node> {
  if (node.tagName) yield node;
  for (const child of node.childNodes ?? []) yield* elements(child);
  if (node.content) yield* elements(node.content);
}
const text = (node: Node): string =>
  node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(text).join('');

/**
 * Records were inserted with `<script>alert("x")</script>` and `"><img src=x onerror=alert(1)>` in
 * their titles, descriptions, places and notes. Parsed like a browser parses it, no built page may
 * contain the injected script or image as markup; where the record is shown, it shows as text.
 */
describe('escaping: hostile records render as text', () => {
  it('no built page carries the injected markup, nor any inline event handler', () => {
    const failures: string[] = [];
    for (const file of htmlFiles()) {
      const html = read(file);
      if (html.includes(SCRIPT)) failures.push(`${file}: raw ${SCRIPT}`);
      // Inside a quoted attribute value (a meta description, say) `<` is only text, and Astro
      // escapes the quote that would end the value; outside of one it would start a tag.
      if (/<img\s+src=x/i.test(html.replace(/="[^"]*"/g, '=""')))
        failures.push(`${file}: raw <img src=x`);
      for (const el of elements(parse(html) as unknown as Node)) {
        for (const attr of el.attrs ?? [])
          if (/^on/i.test(attr.name))
            failures.push(`${file}: <${el.tagName} ${attr.name}="${attr.value}">`);
        if (el.tagName === 'img' && el.attrs?.some((a) => a.name === 'src' && a.value === 'x'))
          failures.push(`${file}: injected <img>`);
        // JSON-LD is data, never run: the record's text is in it, its `<` written as \u003c.
        const data =
          el.attrs?.some((a) => a.name === 'type' && a.value === 'application/ld+json') &&
          !text(el).includes('<');
        if (el.tagName === 'script' && !data && text(el).includes('alert('))
          failures.push(`${file}: injected <script>`);
      }
    }
    expect(failures.slice(0, 10), `${failures.length} failures`).toEqual([]);
  });

  it('no built HTML has an onerror= attribute (checked on the raw text too)', () => {
    // Escaped text reads `onerror=alert(1)&gt;` inside text; an attribute would be inside a tag.
    const tag =
      /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
    const offenders = htmlFiles().filter((f) =>
      (read(f).match(tag) ?? []).some((t) =>
        /\sonerror\s*=/i.test(t.replace(/"[^"]*"|'[^']*'/g, '""')),
      ),
    );
    expect(offenders).toEqual([]);
  });

  const pages = () => {
    const { serviceId, deliberationId } = inject('hostile');
    return [
      `/services/${serviceId}/`,
      `/en/services/${serviceId}/`,
      `/deliberations/${deliberationId}/`,
      `/en/deliberations/${deliberationId}/`,
      `/deliberations/${deliberationId}/notice/`,
    ];
  };
  it('the hostile service and deliberation pages show the markup as text', () => {
    const missing: string[] = [];
    for (const url of pages()) {
      const file = fileFor(url);
      if (!file) {
        missing.push(url);
        continue;
      }
      const html = read(file);
      expect(html, url).toContain('&lt;script&gt;alert(');
      const shown = text(parse(html) as unknown as Node);
      expect(shown, url).toContain(SCRIPT);
      expect(shown, url).toContain(IMG);
    }
    expect(missing, 'pages not built yet').toEqual([]);
  });
});
