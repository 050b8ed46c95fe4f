import type { Database } from '../../db/client';
import { activities, activityTypes } from '../../db/schema';
import {
  createMerchant,
  createResident,
  createStaff,
} from '../../functions/domain/people/directory';

/** Cheap hashing for fixtures only: the stored iteration count travels with each hash. */
export const FAST_HASHING = { iterations: 1000 };
export const PASSWORD = 'test-password';
export const PIN = '1357';

export interface Fixture {
  staffId: number;
  staff2Id: number;
  residents: number[];
  merchants: number[];
  cards: string[];
  activityId: number;
  adminId: number;
}

/** A tiny community: 2 staff (the second the accountant) and an admin, 3 residents (each with a card), 2 merchants, one patrol activity. */
export async function seedFixture(
  database: Database,
  now = new Date('2026-03-09T02:00:00Z'),
): Promise<Fixture> {
  return database.write(async (tx) => {
    const staffId = await createStaff(
      tx,
      { login: 'staff', password: PASSWORD, displayName: '王主任' },
      now,
      FAST_HASHING,
    );
    // The accountant: the second signature on expenses and on awards over the threshold.
    const staff2Id = await createStaff(
      tx,
      { login: 'staff2', password: PASSWORD, displayName: '李干事', role: 'accountant' },
      now,
      FAST_HASHING,
    );
    const residents: number[] = [];
    const cards: string[] = [];
    const names = ['张三华', '李秀英', '王建国'];
    for (let i = 0; i < names.length; i++) {
      const card = `C900${i + 1}`;
      residents.push(
        await createResident(
          tx,
          {
            login: `r${i + 1}`,
            password: PASSWORD,
            fullName: names[i]!,
            card: { cardNo: card, pin: PIN },
          },
          now,
          FAST_HASHING,
        ),
      );
      cards.push(card);
    }
    const merchants = [
      await createMerchant(
        tx,
        {
          login: 'm1',
          password: PASSWORD,
          shopName: '明亮眼镜店',
          category: '眼镜',
          address: '幸福路 1 号',
          offer: '老花镜',
        },
        now,
        FAST_HASHING,
      ),
      await createMerchant(
        tx,
        {
          login: 'm2',
          password: PASSWORD,
          shopName: '老街烧烤',
          category: '餐饮',
          address: '幸福路 2 号',
          offer: '炒粉',
        },
        now,
        FAST_HASHING,
      ),
    ];
    const [type] = await tx
      .insert(activityTypes)
      .values({ code: 'patrol', nameZh: '巡防', nameEn: 'Patrol', pointsPerHour: 10, dailyCap: 50 })
      .returning();
    const [activity] = await tx
      .insert(activities)
      .values({
        typeId: type!.id,
        title: '夜间巡防',
        date: '2026-03-09',
        place: '一区',
        hours: 2,
        status: 'open',
        pointsPerHour: 10,
        dailyCap: 50,
      })
      .returning();
    const adminId = await createStaff(
      tx,
      { login: 'admin', password: PASSWORD, displayName: '周管理员', role: 'admin' },
      now,
      FAST_HASHING,
    );
    return { staffId, staff2Id, residents, merchants, cards, activityId: activity!.id, adminId };
  });
}
