import { describe, expect, it } from 'vitest';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { recordsWorld, sample } from './helpers';

/** Staff may give a public record an English title and summary; the /en/ pages show them. */
describe('English title and summary', () => {
  const w = perTest(recordsWorld);

  it('are optional on create, kept, changed by PATCH and cleared with null', async () => {
    const { body: org } = await w.api(
      'POST',
      '/organizations',
      sample.organization({
        titleEn: 'Residents committee',
        summaryEn: 'Runs the community office.',
      }),
    );
    expect(org).toMatchObject({
      titleEn: 'Residents committee',
      summaryEn: 'Runs the community office.',
    });
    const created = await w.api('POST', '/services', sample.service(org.id));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ titleEn: null, summaryEn: null });
    const patched = await w.api('PATCH', `/services/${created.body.id}`, {
      titleEn: 'Free haircuts',
      summaryEn: 'On the 9th of every month.',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      titleEn: 'Free haircuts',
      summaryEn: 'On the 9th of every month.',
    });
    const cleared = await w.api('PATCH', `/services/${created.body.id}`, { summaryEn: null });
    expect(cleared.body).toMatchObject({ titleEn: 'Free haircuts', summaryEn: null });
    const { body: delib } = await w.api(
      'POST',
      '/deliberations',
      sample.deliberation({
        titleEn: 'Lift repair',
        summaryEn: 'The council agreed to repair the lift.',
      }),
    );
    expect(delib).toMatchObject({ titleEn: 'Lift repair' });
  });

  it('refuses an empty or overlong English title with 400 and changes nothing', async () => {
    const { body: org } = await w.api('POST', '/organizations', sample.organization());
    const { body: service } = await w.api('POST', '/services', sample.service(org.id));
    expectError(
      await w.api('PATCH', `/services/${service.id}`, { titleEn: '   ' }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('PATCH', `/services/${service.id}`, { titleEn: 'x'.repeat(201) }),
      400,
      'invalid_request',
    );
    expect((await w.api('GET', `/services/${service.id}`)).body).toMatchObject({ titleEn: null });
  });
});
