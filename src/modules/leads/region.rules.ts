import { toHalfWidth } from './text.rules.ts';

/** China's provincial-level divisions: full name, short name, pinyin. */
const provinces: [full: string, short: string, pinyin: string][] = [
  ['北京市', '北京', 'beijing'],
  ['天津市', '天津', 'tianjin'],
  ['上海市', '上海', 'shanghai'],
  ['重庆市', '重庆', 'chongqing'],
  ['河北省', '河北', 'hebei'],
  ['山西省', '山西', 'shanxi'],
  ['辽宁省', '辽宁', 'liaoning'],
  ['吉林省', '吉林', 'jilin'],
  ['黑龙江省', '黑龙江', 'heilongjiang'],
  ['江苏省', '江苏', 'jiangsu'],
  ['浙江省', '浙江', 'zhejiang'],
  ['安徽省', '安徽', 'anhui'],
  ['福建省', '福建', 'fujian'],
  ['江西省', '江西', 'jiangxi'],
  ['山东省', '山东', 'shandong'],
  ['河南省', '河南', 'henan'],
  ['湖北省', '湖北', 'hubei'],
  ['湖南省', '湖南', 'hunan'],
  ['广东省', '广东', 'guangdong'],
  ['海南省', '海南', 'hainan'],
  ['四川省', '四川', 'sichuan'],
  ['贵州省', '贵州', 'guizhou'],
  ['云南省', '云南', 'yunnan'],
  ['陕西省', '陕西', 'shaanxi'],
  ['甘肃省', '甘肃', 'gansu'],
  ['青海省', '青海', 'qinghai'],
  ['台湾省', '台湾', 'taiwan'],
  ['内蒙古自治区', '内蒙古', 'neimenggu'],
  ['广西壮族自治区', '广西', 'guangxi'],
  ['西藏自治区', '西藏', 'xizang'],
  ['宁夏回族自治区', '宁夏', 'ningxia'],
  ['新疆维吾尔自治区', '新疆', 'xinjiang'],
  ['香港特别行政区', '香港', 'hongkong'],
  ['澳门特别行政区', '澳门', 'macau'],
];

/** Cities B2B leads come from most, by province: the short name (without 市) and its pinyin. */
const citiesByProvince: Record<string, [short: string, pinyin: string][]> = {
  北京市: [['北京', 'beijing']],
  天津市: [['天津', 'tianjin']],
  上海市: [['上海', 'shanghai']],
  重庆市: [['重庆', 'chongqing']],
  河北省: [
    ['石家庄', 'shijiazhuang'],
    ['唐山', 'tangshan'],
    ['保定', 'baoding'],
    ['廊坊', 'langfang'],
  ],
  山西省: [['太原', 'taiyuan']],
  辽宁省: [
    ['沈阳', 'shenyang'],
    ['大连', 'dalian'],
  ],
  吉林省: [['长春', 'changchun']],
  黑龙江省: [['哈尔滨', 'harbin']],
  江苏省: [
    ['南京', 'nanjing'],
    ['苏州', 'suzhou'],
    ['无锡', 'wuxi'],
    ['常州', 'changzhou'],
    ['南通', 'nantong'],
    ['徐州', 'xuzhou'],
  ],
  浙江省: [
    ['杭州', 'hangzhou'],
    ['宁波', 'ningbo'],
    ['温州', 'wenzhou'],
    ['嘉兴', 'jiaxing'],
    ['绍兴', 'shaoxing'],
    ['金华', 'jinhua'],
  ],
  安徽省: [
    ['合肥', 'hefei'],
    ['芜湖', 'wuhu'],
  ],
  福建省: [
    ['福州', 'fuzhou'],
    ['厦门', 'xiamen'],
    ['泉州', 'quanzhou'],
  ],
  江西省: [['南昌', 'nanchang']],
  山东省: [
    ['济南', 'jinan'],
    ['青岛', 'qingdao'],
    ['烟台', 'yantai'],
    ['潍坊', 'weifang'],
  ],
  河南省: [
    ['郑州', 'zhengzhou'],
    ['洛阳', 'luoyang'],
  ],
  湖北省: [
    ['武汉', 'wuhan'],
    ['宜昌', 'yichang'],
  ],
  湖南省: [['长沙', 'changsha']],
  广东省: [
    ['广州', 'guangzhou'],
    ['深圳', 'shenzhen'],
    ['东莞', 'dongguan'],
    ['佛山', 'foshan'],
    ['珠海', 'zhuhai'],
    ['惠州', 'huizhou'],
    ['中山', 'zhongshan'],
  ],
  海南省: [
    ['海口', 'haikou'],
    ['三亚', 'sanya'],
  ],
  四川省: [
    ['成都', 'chengdu'],
    ['绵阳', 'mianyang'],
  ],
  贵州省: [['贵阳', 'guiyang']],
  云南省: [['昆明', 'kunming']],
  陕西省: [['西安', "xi'an"]],
  甘肃省: [['兰州', 'lanzhou']],
  青海省: [['西宁', 'xining']],
  内蒙古自治区: [
    ['呼和浩特', 'hohhot'],
    ['包头', 'baotou'],
  ],
  广西壮族自治区: [
    ['南宁', 'nanning'],
    ['桂林', 'guilin'],
  ],
  西藏自治区: [['拉萨', 'lhasa']],
  宁夏回族自治区: [['银川', 'yinchuan']],
  新疆维吾尔自治区: [['乌鲁木齐', 'urumqi']],
};

const squash = (text: string) =>
  toHalfWidth(text)
    .toLowerCase()
    .replace(/[\s'’-]+/g, '');

const provinceByName = new Map<string, string>();
for (const [full, short, pinyin] of provinces) {
  for (const name of [full, short, pinyin, `${pinyin}sheng`, `${pinyin}shi`]) provinceByName.set(squash(name), full);
}

const cityByName = new Map<string, { city: string; province: string }>();
for (const [province, cities] of Object.entries(citiesByProvince)) {
  for (const [short, pinyin] of cities) {
    const entry = { city: `${short}市`, province };
    for (const name of [short, `${short}市`, pinyin, `${pinyin}shi`, `${pinyin}city`])
      cityByName.set(squash(name), entry);
  }
}

export interface Region {
  province: string | null;
  city: string | null;
}

/**
 * Standard names for what forms and imports write in a dozen ways (广东 / 广东省 / Guangdong;
 * 深圳 / 深圳市 / Shenzhen), with the province inferred from a known city. A name we do not know
 * is kept as written, never dropped.
 */
export function standardiseRegion(region: Region): Region {
  const province = region.province ? (provinceByName.get(squash(region.province)) ?? region.province) : null;
  const known = region.city ? cityByName.get(squash(region.city)) : undefined;
  if (!known) return { province, city: region.city };
  if (province && province !== known.province) return { province, city: region.city };
  return { province: known.province, city: known.city };
}

/** Chinese place names (全称 and short forms), longest first: the 行政区划 that opens a company name. */
export const chinesePlaceNames: readonly string[] = [
  ...new Set([
    ...provinces.flatMap(([full, short]) => [full, short]),
    ...Object.values(citiesByProvince).flatMap((cities) => cities.flatMap(([short]) => [`${short}市`, short])),
  ]),
].sort((a, b) => b.length - a.length);
