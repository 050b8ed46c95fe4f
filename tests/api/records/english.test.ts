import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { recordsWorld, sample } from './helpers';

/** Staff may give a public record an English title and summary; the /en/ pages show them. */
describe('English title and summary', () => {
  const w = perTest(recordsWorld);

  it('are optional on create, kept, changed by PATCH and cleared with null', async () => {
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({
        json: sample.organization({
          titleEn: 'Residents committee',
          summaryEn: 'Runs the community office.',
        }),
      }),
      201,
    );
    expect(org).toMatchObject({
      titleEn: 'Residents committee',
      summaryEn: 'Runs the community office.',
    });
    const created = await bodyOf(
      await records.services.$post({ json: sample.service(org.id) }),
      201,
    );
    expect(created).toMatchObject({ titleEn: null, summaryEn: null });
    const param = { id: String(created.id) };
    const patched = await bodyOf(
      await records.services[':id'].$patch({
        param,
        json: { titleEn: 'Free haircuts', summaryEn: 'On the 9th of every month.' },
      }),
      200,
    );
    expect(patched).toMatchObject({
      titleEn: 'Free haircuts',
      summaryEn: 'On the 9th of every month.',
    });
    const cleared = await records.services[':id'].$patch({ param, json: { summaryEn: null } });
    expect(await cleared.json()).toMatchObject({ titleEn: 'Free haircuts', summaryEn: null });
    const delib = await records.deliberations.$post({
      json: sample.deliberation({
        titleEn: 'Lift repair',
        summaryEn: 'The council agreed to repair the lift.',
      }),
    });
    expect(await delib.json()).toMatchObject({ titleEn: 'Lift repair' });
  });

  it('refuses an empty or overlong English title with 400 and changes nothing', async () => {
    const records = w.records();
    const org = await bodyOf(
      await records.organizations.$post({ json: sample.organization() }),
      201,
    );
    const service = await bodyOf(
      await records.services.$post({ json: sample.service(org.id) }),
      201,
    );
    const param = { id: String(service.id) };
    expectError(
      await answerOf(await records.services[':id'].$patch({ param, json: { titleEn: '   ' } })),
      400,
      'invalid_request',
    );
    expectError(
      await answerOf(
        await records.services[':id'].$patch({ param, json: { titleEn: 'x'.repeat(201) } }),
      ),
      400,
      'invalid_request',
    );
    expect(await (await records.services[':id'].$get({ param })).json()).toMatchObject({
      titleEn: null,
    });
  });
});
