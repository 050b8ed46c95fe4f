/**
 * Public-site strings of the ledger verification page. [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const verifySitePairs = {
  'verify.title': ['账本核验', 'Verify the ledger'],
  'verify.intro': [
    '积分账本只能追加、不能修改：每一笔记录都包含前一笔的哈希值，环环相扣。改动任何一笔，其后所有的哈希都会对不上。任何人都可以自己核对。',
    'The points ledger can only be added to, never changed: each entry includes the hash of the one before, like links in a chain. Alter any entry and every hash after it stops matching. Anyone can check.',
  ],
  'verify.head': ['本站发布时的账本状态', 'The ledger when this site was built'],
  'verify.entries': ['记录笔数', 'Entries'],
  'verify.headHash': ['最新哈希', 'Latest hash'],
  'verify.at': ['最新一笔的时间', 'Latest entry at'],
  'verify.live': ['查看实时账本状态（JSON）', 'Live ledger head (JSON)'],
  'verify.liveNote': [
    '本页在网站每次发布时更新；实时接口随时反映最新状态，可能比本页新。',
    'This page is updated each time the site is published; the live endpoint always shows the latest state and may be newer.',
  ],
  'verify.steps': ['自己动手核验', 'Check it yourself'],
  'verify.step1': [
    '导出账本（由社区工作人员在服务器上运行，或向社区索取导出文件）：',
    'Export the ledger (community staff run this on the server, or ask the community for the export file):',
  ],
  'verify.step2': [
    '运行核验命令。它从第一笔开始，逐笔重新计算哈希，并核对积分总量守恒：',
    'Run the check. It recomputes every hash from the first entry and checks that points are conserved:',
  ],
  'verify.step3': [
    '把输出的最新哈希与本页或实时接口显示的最新哈希对照，应完全一致。',
    'Compare the latest hash it prints with the one on this page or from the live endpoint: they must be identical.',
  ],
  'verify.step4': [
    '如有不一致，命令会指出第一笔对不上的记录，并以非零状态退出。',
    'If anything differs, the command names the first entry that does not match and exits with a non-zero status.',
  ],
  'verify.rule': ['哈希规则', 'The hash rule'],
  'verify.ruleText': [
    '每笔记录的哈希 = sha256(前一笔的哈希 + 换行符 + 该笔记录的规范化 JSON)：',
    'Each entry’s hash = sha256(previous hash + a newline + the entry’s canonical JSON):',
  ],
  'verify.canonical': [
    '规范化 JSON 依次包含：编号 id、时间 at、类型 kind、备注 memo、操作人 actorId、活动 activityId、冲正对象 reversesId，以及按账户编号排序的分录 postings（[账户, 数量]）。',
    'The canonical JSON holds, in this order: id, at, kind, memo, actorId, activityId, reversesId, and the postings sorted by account ([account, amount]).',
  ],
  'verify.genesis': [
    '第一笔之前的哈希（起始值）是 64 个 0：',
    'The hash before the first entry (the genesis) is 64 zeros:',
  ],
} as const satisfies Pairs;
