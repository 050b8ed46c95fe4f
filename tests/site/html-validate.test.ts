import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { htmlFiles, read } from './site';

/**
 * Every built page against html-validate's recommended rules: the markup a browser, a screen
 * reader and a validator read the same way (no duplicate ids, no inline styles, named landmarks…).
 */
describe('html-validate', () => {
  it('every built page passes the recommended rules', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const problems: Array<{ kind: string; text: string }> = [];
    for (const file of htmlFiles()) {
      const report = await validator.validateString(read(file), file);
      for (const result of report.results)
        for (const m of result.messages)
          problems.push({
            kind: `${file.replace(/\d+/g, 'N')} ${m.ruleId}`,
            text: `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message} (${m.selector ?? ''})`,
          });
    }
    // One line per rule and kind of page is enough to find the cause; the count shows how far it reaches.
    const first = new Map<string, string>();
    for (const p of problems) if (!first.has(p.kind)) first.set(p.kind, p.text);
    expect([...first.values()].slice(0, 40), `${problems.length} problems`).toEqual([]);
  });
});
