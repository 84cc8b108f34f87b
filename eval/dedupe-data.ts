/**
 * The raw material of the de-duplication data set: Chinese surnames and given names with their
 * pinyin, the characters trade names (字号) are made of with their homophones, places with their
 * area codes, trades and legal forms. Frequencies are rough but keep the shape of real data: a
 * few surnames and a few full names (张伟, 王芳, 李娜) are very common, so namesakes occur.
 */

export interface Han {
  char: string;
  pinyin: string;
  /** Characters a pinyin input method offers for the same syllable: the typo a person makes. */
  homophones: string[];
}

/** "华hua化花" → 华, hua, [化, 花]. */
function parseHan(table: string): Han[] {
  const seen = new Set<string>();
  return table
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((entry) => {
      const match = /^(\p{Script=Han}+)([a-z]+)(\p{Script=Han}*)$/u.exec(entry);
      if (!match) throw new Error(`bad entry ${entry}`);
      const [, char, pinyin, homophones] = match as unknown as [string, string, string, string];
      if (seen.has(char)) return [];
      seen.add(char);
      return [{ char, pinyin, homophones: [...homophones] }];
    });
}

/** In order of frequency (王, 李, 张 … cover a fifth of China between them). */
export const surnames = parseHan(`
  王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu
  郭guo 何he 林lin 高gao 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao
  彭peng 曾zeng 肖xiao 田tian 董dong 潘pan 袁yuan 蔡cai 蒋jiang 余yu 于yu 杜du 叶ye 程cheng 魏wei
  苏su 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin
  石shi 廖liao 贾jia 夏xia 韦wei 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue
  段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian
  严yan 武wu 戴dai 莫mo 孔kong 向xiang 汤tang 欧阳ouyang 司马sima 诸葛zhuge
`);

export const givenChars = parseHan(`
  伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao
  明ming 超chao 秀xiu 霞xia 平ping 刚gang 英ying 华hua 玉yu 萍ping 红hong 鹏peng 辉hui 建jian
  国guo 文wen 斌bin 宇yu 浩hao 凯kai 鑫xin 琳lin 婷ting 雪xue 慧hui 晨chen 阳yang 欣xin 宁ning
  博bo 峰feng 亮liang 波bo 颖ying 倩qian 俊jun 帆fan 然ran 涵han 怡yi 轩xuan 子zi 梓zi 思si 佳jia
  晓xiao 志zhi 海hai 东dong 立li 新xin 成cheng 林lin 飞fei 云yun 彬bin 琪qi 悦yue 嘉jia 泽ze 铭ming
  睿rui 婧jing 瑶yao 璐lu 蕾lei 薇wei 桂gui 兰lan 燕yan 春chun 丹dan
`);

/** The most frequent full names in China; drawn often so the same name turns up at many companies. */
export const commonNames = `张伟 王伟 王芳 李伟 李娜 张敏 李静 王静 刘伟 王秀英 张丽 李秀英 王丽 张静 张秀英 李强 王敏
  李敏 王磊 刘洋 王艳 王勇 李军 张勇 李杰 张杰 张磊 王强 李娟 王军 张艳 张涛 王涛 李明 李艳 王超 李勇 王娟 刘杰 刘敏`
  .split(/\s+/)
  .filter(Boolean);

export const latinGivenNames =
  'David Michael Kevin Jason Eric Tony Peter Frank Jack Leo Daniel James Bruce Steven Emily Grace Linda Amy Cindy Jessica Vivian Sophia Helen Lily Anna Sarah Alice Nancy'.split(
    ' ',
  );
export const latinSurnames =
  'Zhang Wang Li Chen Liu Huang Lin Zhou Wu Xu Sun Ma Zhu Hu Guo He Gao Luo Tan Wong Chan Lee Smith Brown Miller Johnson Taylor'.split(
    ' ',
  );

/** Characters trade names (字号) are made of, each with the homophones an input method offers. */
export const brandChars = parseHan(`
  华hua化花桦 信xin新欣心 恒heng衡横 通tong同桐童 瑞rui锐睿蕊 达da大答 鑫xin新欣心 盛sheng胜圣晟 泰tai太态钛
  宏hong鸿红洪 源yuan元园圆 科ke可柯克 博bo波伯柏 创chuang窗闯 新xin信欣心 天tian添田甜 正zheng政证征 德de得
  金jin今锦晋 安an岸按 嘉jia佳家加 联lian连莲廉 智zhi志致至 中zhong忠钟众 海hai亥骇 东dong冬栋 方fang芳放坊
  远yuan源元园 弘hong宏鸿红 润run闰 致zhi智志至 明ming名铭鸣 晨chen辰臣尘 云yun芸运韵 锐rui瑞睿 思si斯司丝
  百bai柏佰 易yi亿益逸 星xing兴行 腾teng藤誊 翔xiang祥详享 隆long龙珑 兴xing星行 昌chang常长畅 峰feng丰锋风
  驰chi池迟 迅xun讯训寻 捷jie杰洁 光guang广 宇yu雨语羽 航hang杭 汇hui惠会辉 融rong荣容蓉 诚cheng成城程
  和he合禾河 益yi易亿艺 佳jia嘉家 凯kai楷铠 银yin引 铭ming明名 立li力利丽 万wan弯湾 丰feng峰锋 利li力立丽
  聚ju巨举 朗lang郎浪 优you友尤 卓zhuo啄 展zhan占 鼎ding顶定 旭xu序 晟sheng盛胜圣 昊hao浩皓 浩hao昊皓好
  伟wei威维 威wei伟维 奥ao傲 美mei梅 景jing京静 凌ling灵玲 永yong勇 众zhong中忠 诺nuo 欧ou 亚ya雅 雅ya亚
  尚shang上 骏jun俊 祥xiang翔 高gao 精jing京晶 盈ying赢 启qi起奇 恩en 九jiu久 贝bei北 蓝lan兰 青qing清轻
  康kang 健jian建 乐le 鹏peng朋 飞fei非 麒qi奇 麟lin林 龙long隆 凤feng丰峰 宝bao保 鸿hong宏红 亿yi易益
  辰chen晨 泓hong宏 澜lan兰 泽ze择 川chuan传船 峻jun骏俊 岳yue越 松song送 柏bai百 竹zhu 桥qiao乔 港gang
  卫wei维伟 邦bang帮 汉han 唐tang 豪hao好 杰jie捷洁 富fu福 裕yu宇 晶jing京精 磊lei雷 石shi实 蔚wei 拓tuo
`);

/** Homophones for the characters of places and trades, for a typo outside the trade name. */
export const otherHomophones: Record<string, string> = Object.fromEntries(
  `北贝 京经 上尚 海亥 深申 圳镇 广光 州洲 杭航 南男 成城 都督 武五 汉汗 西希 安岸 苏酥 天添 津今 重虫 庆青
   合和 肥非 厦下 门们 青清 岛导 长常 沙纱 郑正 济记 宁凝 波博 无吴 锡西 东冬 莞碗 佛服 山衫 福富 大达 连联
   沈审 阳洋 昆坤 明名 科可 技记 网往 络落 信新 息西 术数 软阮 件见 智志 能农 数术 字自 贸茂 易益 实石 业叶
   咨资 询旬 电点 子紫 医衣 药要 食石 品拼 物务 流留 建见 筑住 工公 程成 机基 械谢 设社 备被 材才 料了 文问
   化华 传船 媒梅 教叫 育玉 环还 保宝 生声 商上 务物 告高 投头 资咨 管关 理里 新心 发法 展占 市是`
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => [...pair] as [string, string]),
);

export interface Place {
  name: string;
  pinyin: string;
  /** The area code of its landlines. */
  areaCode: string;
  /** Digits of a local landline number (厦门 has seven, the others eight). */
  localDigits: number;
  weight: number;
}

export const places: Place[] = [
  ['北京', 'beijing', '010', 8],
  ['上海', 'shanghai', '021', 8],
  ['深圳', 'shenzhen', '0755', 6],
  ['广州', 'guangzhou', '020', 5],
  ['杭州', 'hangzhou', '0571', 5],
  ['南京', 'nanjing', '025', 3],
  ['成都', 'chengdu', '028', 3],
  ['武汉', 'wuhan', '027', 3],
  ['西安', 'xian', '029', 2],
  ['苏州', 'suzhou', '0512', 3],
  ['天津', 'tianjin', '022', 2],
  ['重庆', 'chongqing', '023', 2],
  ['合肥', 'hefei', '0551', 1],
  ['厦门', 'xiamen', '0592', 1],
  ['青岛', 'qingdao', '0532', 1],
  ['长沙', 'changsha', '0731', 1],
  ['郑州', 'zhengzhou', '0371', 1],
  ['济南', 'jinan', '0531', 1],
  ['宁波', 'ningbo', '0574', 1],
  ['无锡', 'wuxi', '0510', 1],
  ['东莞', 'dongguan', '0769', 1],
  ['佛山', 'foshan', '0757', 1],
  ['福州', 'fuzhou', '0591', 1],
  ['大连', 'dalian', '0411', 1],
  ['沈阳', 'shenyang', '024', 1],
  ['昆明', 'kunming', '0871', 1],
].map(([name, pinyin, areaCode, weight]) => ({
  name: name as string,
  pinyin: pinyin as string,
  areaCode: areaCode as string,
  localDigits: areaCode === '0592' ? 7 : 8,
  weight: weight as number,
}));

/** Trades of software and internet firms: one firm writes any of them (科技 ↔ 网络技术). */
export const itTrades = ['科技', '网络科技', '信息技术', '网络技术', '信息科技', '软件技术', '智能科技', '数字科技'];
export const otherTrades = [
  '贸易',
  '实业',
  '咨询',
  '管理咨询',
  '电子',
  '医药',
  '食品',
  '物流',
  '建筑工程',
  '机械设备',
  '新材料',
  '文化传媒',
  '教育科技',
  '环保科技',
  '生物科技',
  '电子商务',
  '广告',
  '投资管理',
];
export const itTradesEn = ['Technology', 'Technologies', 'Tech'];
export const otherTradesEn = ['Software', 'Trading', 'Consulting', 'Electronics', 'Logistics', 'Medical', 'Media'];

/** Legal forms with their rough share; the empty one is a company typed without it (华信科技). */
export const legalForms: [form: string, weight: number][] = [
  ['有限公司', 60],
  ['股份有限公司', 12],
  ['有限责任公司', 10],
  ['集团有限公司', 3],
  ['', 15],
];
export const legalFormsEn = ['Co., Ltd.', 'Ltd.', 'Limited', 'Inc.', 'Corp.', ''];

export const latinBrands =
  'Nova Apex Zen Orion Vega Delta Sigma Bright Neo Lumi Aurora Pixel Quantum Matrix Nexus Atlas Titan Echo Sonic Vertex Vita Fusion Prime Alpha Omega Stellar Kite Maple Cedar Harbor'.split(
    ' ',
  );

/** Mobile prefixes in use in China (libphonenumber takes them all as valid). */
export const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export const personalMailDomains = [
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'foxmail.com',
  'gmail.com',
  'outlook.com',
];
export const titles = [
  '销售经理',
  '采购经理',
  '技术总监',
  'IT经理',
  '总经理',
  '市场总监',
  '行政主管',
  'CTO',
  '产品经理',
];
