/** The demo community's cast: a fictional 幸福里社区 shaped after the communities in the source papers. */

export const COMMUNITY_NAME = '幸福里社区';

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '梁', '郑', '谢', '宋', '唐', '韦', '蒙', '覃', '欧阳', '莫'];
export const GIVEN_NAMES = [
  '秀英', '桂英', '玉兰', '建国', '建华', '志强', '淑珍', '丽华', '国庆', '红梅', '海燕', '卫东', '德明', '春花', '金凤', '晓梅', '伟', '芳', '敏', '静',
  '磊', '洋', '勇', '军', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂兰', '文华', '振华', '雪梅', '晓东', '佳怡', '子轩', '浩然', '梓涵', '一诺', '欣怡', '宇航', '思远',
];
export const HONORIFICS = ['阿姨', '叔叔', '奶奶', '大爷', '姐', '哥', '老师', '师傅'];

export const COMPOUNDS = ['和平小区', '桂花苑', '南湖新村', '纺织厂宿舍', '铁路新村', '幸福家园', '建设里', '东风小区', '金桂园'];

export const MERCHANTS = [
  { shopName: '明亮眼镜店', category: '眼镜', offer: '每月 9 日为 60 岁以上老人免费验光配老花镜' },
  { shopName: '老街烧烤', category: '餐饮', offer: '每月 9 日为环卫工人和低保户免费提供炒粉' },
  { shopName: '墨香书法班', category: '教育培训', offer: '为低保家庭儿童免费开设书法课' },
  { shopName: '爱心午托班', category: '托管', offer: '为低保家庭儿童免费午托' },
  { shopName: '康宁大药房', category: '药店', offer: '每月 9 日免费测血压血糖' },
  { shopName: '阿强理发店', category: '理发', offer: '每月 9 日为独居老人上门义剪' },
  { shopName: '邻家便利超市', category: '超市', offer: '积分兑换米面油等生活用品' },
  { shopName: '鲜果园水果店', category: '水果', offer: '积分兑换时令水果' },
  { shopName: '巧手裁缝铺', category: '缝补', offer: '为老人免费缝补衣物' },
  { shopName: '好味早餐店', category: '餐饮', offer: '积分兑换早餐' },
  { shopName: '平安家电维修', category: '维修', offer: '每月 9 日免费检修小家电' },
  { shopName: '阳光照相馆', category: '摄影', offer: '为高龄老人免费拍摄全家福' },
  { shopName: '百姓洗衣店', category: '洗衣', offer: '积分兑换洗衣服务' },
  { shopName: '福满楼饺子馆', category: '餐饮', offer: '重阳节为独居老人送饺子' },
  { shopName: '绿色菜篮子', category: '生鲜', offer: '积分兑换新鲜蔬菜' },
  { shopName: '晨光文具店', category: '文具', offer: '为困难家庭学生捐赠文具' },
  { shopName: '快修鞋铺', category: '修鞋', offer: '每月 9 日免费修鞋' },
  { shopName: '健康推拿馆', category: '康复', offer: '为残疾人免费推拿' },
  { shopName: '小小绘本馆', category: '阅读', offer: '周末免费亲子阅读' },
  { shopName: '便民开锁配钥匙', category: '便民', offer: '为老人免费配钥匙' },
] as const;

export const STREETS = ['幸福路', '桂花街', '南湖路', '建设路', '东风巷'];

export const TEAMS = [
  { name: '红袖章巡防队', description: '300 余人的平安志愿者队伍：巡逻、守护小区夜间安全' },
  { name: '党员志愿服务队', description: '10 个党支部的党员认领服务岗位，亮身份、做表率' },
  { name: '妈妈帮', description: '社区妈妈们互助：儿童托管、亲子活动、邻里帮忙' },
  { name: '银龄互助队', description: '低龄老人帮助高龄、独居老人：探访、陪诊、代购' },
  { name: '青年志愿者服务队', description: '在职青年和大学生：周末清洁、文明劝导、义卖' },
  { name: '文明劝导队', description: '劝导不文明行为，宣传垃圾分类和文明养犬' },
] as const;

export const ACTIVITY_TYPES = [
  { code: 'patrol', nameZh: '巡防', nameEn: 'Patrol', pointsPerHour: 10, dailyCap: 40, team: '红袖章巡防队', places: ['和平小区', '南湖新村', '铁路新村'], titles: ['夜间巡防', '节前安全巡查', '消防通道巡查'] },
  { code: 'cleaning', nameZh: '清洁家园', nameEn: 'Neighbourhood cleaning', pointsPerHour: 10, dailyCap: 30, team: '青年志愿者服务队', places: ['桂花苑', '纺织厂宿舍', '建设里'], titles: ['楼道清洁', '卫生死角清理', '小广告清除'] },
  { code: 'elder_help', nameZh: '助老', nameEn: 'Help for elders', pointsPerHour: 15, dailyCap: 45, team: '银龄互助队', places: ['社区日间照料中心', '东风小区', '金桂园'], titles: ['独居老人探访', '陪老人就医', '代购送餐'] },
  { code: 'clinic', nameZh: '义诊', nameEn: 'Free clinic support', pointsPerHour: 15, dailyCap: 45, team: '党员志愿服务队', places: ['社区卫生服务站', '社区广场'], titles: ['义诊服务', '健康讲座协助', '量血压测血糖'] },
  { code: 'civility', nameZh: '文明劝导', nameEn: 'Civility campaign', pointsPerHour: 8, dailyCap: 24, team: '文明劝导队', places: ['幸福路', '南湖路口', '农贸市场'], titles: ['文明交通劝导', '垃圾分类宣传', '文明养犬劝导'] },
  { code: 'volunteer_day', nameZh: '志愿服务日', nameEn: 'Volunteer day (9th)', pointsPerHour: 12, dailyCap: 48, team: '党员志愿服务队', places: ['社区广场'], titles: ['9 日志愿服务日'] },
  { code: 'childcare', nameZh: '儿童托管', nameEn: 'Childcare help', pointsPerHour: 10, dailyCap: 30, team: '妈妈帮', places: ['社区四点半课堂'], titles: ['四点半课堂', '周末亲子阅读'] },
] as const;
