/** Staff console strings of the money records: budgets, outcomes told later, expenses without a receipt. */
export const moneyPairs = {
  'staff.rec.k.budgets': ['预算', 'Budgets'],
  'staff.rec.f.year': ['年度', 'Year'],
  'staff.rec.f.plannedFen': ['预算金额（元）', 'Planned amount (yuan)'],
  'staff.rec.f.noReceiptReason': [
    '无票据原因（没有票据扫描件时必填，至少 4 个字，随支出公开）',
    'Why there is no receipt (required without a scan, at least 4 characters; published)',
  ],
  'staff.rec.receiptRule': [
    '发布前须上传票据（图片或 PDF），或在上面填写无票据原因。',
    'Before publishing: upload a receipt (image or PDF), or state above why there is none.',
  ],
  'staff.rec.outcomes': [
    '后续去向（公开后登记，按日期公开，不可修改）',
    'Outcomes told later (public in date order; never edited)',
  ],
  'staff.rec.noOutcomes': ['还没有登记去向。', 'No outcome recorded yet.'],
  'staff.rec.outcomeText': [
    '去向说明（如“已发放给 12 户独居老人”）',
    'What became of it (e.g. “given to 12 elders living alone”)',
  ],
  'staff.rec.addOutcome': ['登记去向', 'Add outcome'],
} as const;
