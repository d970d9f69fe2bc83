/**
 * The group's catalogue: its own hotels, tours, flights sold as agent and packages, with price
 * ranges in yuan and the margin bands a travel group actually earns (hotel rooms 15–25%, tours
 * 10–18%, air tickets a thin service fee, packages in between).
 */
import type { BranchKey } from './places';
import { Weighted } from './random';

export interface Branch {
  key: BranchKey;
  name: string;
  city: string;
  timeZone: string;
  /**
   * The line customers dial, as the PBX presents it as DNIS (digits, domestic form: '4008201688',
   * '057187996688'), and its name on the screen-pop card (phone_lines).
   */
  dnis: string;
  lineName: string;
  isHotel: boolean;
}

// prettier-ignore
export const BRANCHES: readonly Branch[] = [
  { key: 'hq', name: '上海总部', city: '上海', timeZone: 'Asia/Shanghai', dnis: '4008201688', lineName: '锦程旅游 全国客服热线', isHotel: false },
  { key: 'beijing', name: '北京分公司', city: '北京', timeZone: 'Asia/Shanghai', dnis: '01065228866', lineName: '锦程旅游 北京分公司', isHotel: false },
  { key: 'guangzhou', name: '广州分公司', city: '广州', timeZone: 'Asia/Shanghai', dnis: '02038876688', lineName: '锦程旅游 广州分公司', isHotel: false },
  { key: 'shenzhen', name: '深圳分公司', city: '深圳', timeZone: 'Asia/Shanghai', dnis: '075582996677', lineName: '锦程旅游 深圳分公司', isHotel: false },
  { key: 'chengdu', name: '成都分公司', city: '成都', timeZone: 'Asia/Shanghai', dnis: '02886663388', lineName: '锦程旅游 成都分公司', isHotel: false },
  { key: 'wuhan', name: '武汉分公司', city: '武汉', timeZone: 'Asia/Shanghai', dnis: '02785775566', lineName: '锦程旅游 武汉分公司', isHotel: false },
  { key: 'nanjing', name: '南京新街口门店', city: '南京', timeZone: 'Asia/Shanghai', dnis: '02584682233', lineName: '锦程旅游 南京新街口门店', isHotel: false },
  { key: 'hongkong', name: '香港分公司', city: '香港', timeZone: 'Asia/Hong_Kong', dnis: '27368899', lineName: '錦程旅遊 香港分公司', isHotel: false },
  { key: 'hangzhou', name: '锦程酒店·杭州西湖店', city: '杭州', timeZone: 'Asia/Shanghai', dnis: '057187996688', lineName: '锦程酒店·杭州西湖店 预订热线', isHotel: true },
  { key: 'sanya', name: '锦程度假酒店·三亚湾店', city: '三亚', timeZone: 'Asia/Shanghai', dnis: '089888556666', lineName: '锦程度假酒店·三亚湾店 预订热线', isHotel: true },
  { key: 'xiamen', name: '锦程酒店·厦门鼓浪屿店', city: '厦门', timeZone: 'Asia/Shanghai', dnis: '05922068888', lineName: '锦程酒店·厦门鼓浪屿店 预订热线', isHotel: true },
  { key: 'xian', name: '锦程酒店·西安钟楼店', city: '西安', timeZone: 'Asia/Shanghai', dnis: '02987269999', lineName: '锦程酒店·西安钟楼店 预订热线', isHotel: true },
  { key: 'kunming', name: '锦程酒店·昆明翠湖店', city: '昆明', timeZone: 'Asia/Shanghai', dnis: '087165158888', lineName: '锦程酒店·昆明翠湖店 预订热线', isHotel: true },
];
/** Headquarters' second number: the members' and key accounts' line. */
export const VIP_LINE = { dnis: '02162881888', lineName: '锦程旅游 会员专线' } as const;

/** The customer-service centre's teams; agents are spread over them. */
// prettier-ignore
export const TEAMS: readonly { name: string; branch: BranchKey; agents: number; kind: 'hotline' | 'complaints' | 'kam' | 'members' | 'outbound' | 'regional' | 'front_desk' }[] = [
  { name: '热线一组', branch: 'hq', agents: 10, kind: 'hotline' },
  { name: '热线二组', branch: 'hq', agents: 9, kind: 'hotline' },
  { name: '投诉处理组', branch: 'hq', agents: 6, kind: 'complaints' },
  { name: '大客户组', branch: 'hq', agents: 6, kind: 'kam' },
  { name: '会员服务组', branch: 'hq', agents: 6, kind: 'members' },
  { name: '外呼回访组', branch: 'hq', agents: 6, kind: 'outbound' },
  { name: '北方服务组', branch: 'beijing', agents: 5, kind: 'regional' },
  { name: '华南服务组', branch: 'guangzhou', agents: 6, kind: 'regional' },
  { name: '酒店前台组', branch: 'hangzhou', agents: 6, kind: 'front_desk' },
];

export interface Hotel {
  name: string;
  branch: BranchKey;
  /** Typical nightly rate of the standard room, yuan. */
  rate: number;
}
// prettier-ignore
export const HOTELS = new Weighted<Hotel>([
  [{ name: '锦程酒店·上海外滩店', branch: 'hq', rate: 980 }, 8],
  [{ name: '锦程酒店·上海虹桥机场店', branch: 'hq', rate: 620 }, 6],
  [{ name: '锦程酒店·北京王府井店', branch: 'beijing', rate: 880 }, 7],
  [{ name: '锦程酒店·北京国贸店', branch: 'beijing', rate: 960 }, 5],
  [{ name: '锦程酒店·广州珠江新城店', branch: 'guangzhou', rate: 760 }, 5],
  [{ name: '锦程酒店·深圳福田店', branch: 'shenzhen', rate: 780 }, 5],
  [{ name: '锦程酒店·成都春熙路店', branch: 'chengdu', rate: 620 }, 5],
  [{ name: '锦程酒店·杭州西湖店', branch: 'hangzhou', rate: 980 }, 8],
  [{ name: '锦程度假酒店·三亚湾店', branch: 'sanya', rate: 1380 }, 7],
  [{ name: '锦程酒店·厦门鼓浪屿店', branch: 'xiamen', rate: 860 }, 5],
  [{ name: '锦程酒店·西安钟楼店', branch: 'xian', rate: 560 }, 5],
  [{ name: '锦程酒店·昆明翠湖店', branch: 'kunming', rate: 520 }, 4],
  [{ name: '锦程酒店·南京新街口店', branch: 'nanjing', rate: 600 }, 4],
  [{ name: '锦程酒店·武汉江汉路店', branch: 'wuhan', rate: 520 }, 3],
  [{ name: '锦程精选·丽江古城客栈', branch: 'kunming', rate: 680 }, 3],
  [{ name: '锦程度假村·千岛湖', branch: 'hangzhou', rate: 1180 }, 3],
  [{ name: '锦程酒店·青岛八大关店', branch: 'beijing', rate: 760 }, 3],
  [{ name: '锦程酒店·香港尖沙咀店', branch: 'hongkong', rate: 1480 }, 3],
]);
export const ROOM_TYPES = new Weighted<readonly [string, number]>([
  [['高级大床房', 1.0], 30], [['高级双床房', 1.0], 22], [['豪华大床房', 1.25], 15], [['豪华景观房', 1.45], 10],
  [['亲子家庭房', 1.4], 9], [['行政大床房', 1.7], 8], [['行政套房', 2.6], 4], [['总统套房', 6.0], 0.3],
]);

export interface Tour {
  name: string;
  days: number;
  /** Per-person price range, yuan. */
  lo: number;
  hi: number;
  abroad: boolean;
  /** Season weight by month (1–12) is flattened into a simple popularity weight. */
}
const t = (name: string, days: number, lo: number, hi: number, abroad: boolean, w: number): [Tour, number] => [{ name, days, lo, hi, abroad }, w];
// prettier-ignore
export const TOURS = new Weighted<Tour>([
  t('云南昆明大理丽江六日游', 6, 3200, 5800, false, 8), t('桂林阳朔漓江四日游', 4, 1800, 3200, false, 6),
  t('西藏拉萨林芝八日游', 8, 5800, 9800, false, 3), t('新疆喀纳斯禾木十日游', 10, 6800, 11800, false, 3),
  t('张家界凤凰古城五日游', 5, 2200, 3800, false, 5), t('海南三亚五日游', 5, 2800, 5600, false, 7),
  t('九寨沟黄龙五日游', 5, 2600, 4600, false, 4), t('敦煌丝绸之路七日游', 7, 4200, 7200, false, 3),
  t('长江三峡游轮五日游', 5, 3600, 8800, false, 3), t('呼伦贝尔大草原六日游', 6, 3800, 6200, false, 2),
  t('黄山宏村三日游', 3, 1200, 2200, false, 5), t('厦门鼓浪屿四日游', 4, 1800, 3000, false, 4),
  t('北京故宫长城五日游', 5, 2400, 4200, false, 5), t('成都大熊猫亲子四日游', 4, 2200, 3600, false, 4),
  t('哈尔滨雪乡五日游', 5, 3200, 5200, false, 3),
  t('日本北海道七日游', 7, 8800, 15800, true, 5), t('日本东京大阪六日游', 6, 6800, 11800, true, 7),
  t('泰国普吉岛六日游', 6, 4200, 7800, true, 6), t('新加坡马来西亚六日游', 6, 5200, 8800, true, 4),
  t('欧洲法意瑞十二日游', 12, 16800, 29800, true, 3), t('澳大利亚新西兰十日游', 10, 18800, 32800, true, 2),
  t('马尔代夫五晚七日游', 7, 15800, 36800, true, 2), t('韩国首尔济州岛五日游', 5, 3800, 6800, true, 4),
  t('埃及尼罗河十日游', 10, 12800, 19800, true, 1), t('美国西海岸十二日游', 12, 18800, 28800, true, 1.5),
  t('土耳其十日游', 10, 11800, 17800, true, 1.5), t('越南岘港五日游', 5, 3200, 5600, true, 3),
  t('冰岛极光八日游', 8, 26800, 39800, true, 0.5),
]);

export interface Flight {
  name: string;
  lo: number;
  hi: number;
  hours: number;
}
const f = (name: string, lo: number, hi: number, hours: number, w: number): [Flight, number] => [{ name, lo, hi, hours }, w];
// prettier-ignore
export const FLIGHTS = new Weighted<Flight>([
  f('MU5101 上海虹桥—北京首都', 800, 1900, 2.3, 8), f('CA1858 北京首都—上海虹桥', 800, 1900, 2.2, 7),
  f('CZ3539 广州白云—上海浦东', 700, 1700, 2.3, 5), f('MU5405 上海虹桥—成都天府', 900, 2100, 3.3, 5),
  f('3U8961 成都天府—三亚凤凰', 700, 1800, 2.8, 3), f('HU7181 北京首都—海口美兰', 900, 2200, 3.8, 3),
  f('ZH9101 深圳宝安—北京大兴', 900, 2100, 3.3, 4), f('MU2157 上海浦东—西安咸阳', 700, 1600, 2.6, 3),
  f('MF8521 厦门高崎—上海虹桥', 500, 1300, 1.8, 3), f('CA4193 北京首都—昆明长水', 900, 2000, 3.6, 2),
  f('NH920 上海浦东—东京成田', 2200, 5200, 3.0, 4), f('MU521 上海浦东—大阪关西', 1800, 4600, 2.5, 4),
  f('CX365 上海浦东—香港', 1300, 3200, 2.7, 4), f('SQ833 上海浦东—新加坡樟宜', 2300, 5600, 5.5, 3),
  f('TG665 上海浦东—曼谷素万那普', 1900, 4200, 4.8, 3), f('CA933 北京首都—巴黎戴高乐', 5200, 11800, 11.5, 1.5),
  f('MU587 上海浦东—纽约肯尼迪', 6200, 13800, 15.0, 1.5), f('QF130 上海浦东—悉尼', 5200, 11800, 10.5, 1),
  f('BA168 北京大兴—伦敦希思罗', 5200, 12800, 12.0, 1), f('UA858 上海浦东—旧金山', 5800, 12800, 11.5, 1),
]);
export const CABINS = new Weighted<readonly [string, number]>([[['经济舱', 1], 82], [['超级经济舱', 1.5], 4], [['公务舱', 3.2], 12], [['头等舱', 5.5], 2]]);

export interface Package {
  name: string;
  days: number;
  lo: number;
  hi: number;
}
const p = (name: string, days: number, lo: number, hi: number, w: number): [Package, number] => [{ name, days, lo, hi }, w];
// prettier-ignore
export const PACKAGES = new Weighted<Package>([
  p('三亚机票+酒店自由行五日', 5, 4500, 9800, 6), p('东京机+酒自由行六日', 6, 6800, 12800, 4),
  p('上海迪士尼亲子套餐两日', 2, 2800, 4800, 5), p('丽江机酒套餐五日', 5, 3600, 6200, 3),
  p('香港迪士尼机酒三日', 3, 3800, 6800, 3), p('普吉岛机酒自由行六日', 6, 4800, 8800, 3),
  p('杭州西湖周末套餐两日', 2, 1600, 2800, 4), p('巴厘岛蜜月套餐七日', 7, 12800, 22800, 1.5),
  p('新加坡环球影城机酒五日', 5, 6800, 10800, 2), p('厦门鼓浪屿机酒四日', 4, 2800, 4800, 3),
]);

/** Preference categories (codes, labelled in the UI) and the values agents record. */
export const PREFERENCES: readonly (readonly [string, readonly string[]])[] = [
  ['room_type', ['大床房', '双床房', '套房', '家庭房', '景观房']],
  ['bed', ['大床', '双床', '需要加床', '婴儿床']],
  ['floor', ['高楼层', '低楼层', '远离电梯']],
  ['smoking', ['无烟房', '吸烟房']],
  ['pillow', ['荞麦枕', '羽绒枕', '记忆棉枕', '硬枕', '低枕']],
  ['diet', ['素食', '清真', '不吃辣', '少油少盐', '儿童餐']],
  ['dietary_restriction', ['海鲜过敏', '花生过敏', '乳糖不耐', '麸质过敏', '不吃牛肉']],
  ['seat', ['靠窗', '靠过道', '前排']],
];
export const INTERESTS = ['海岛游', '亲子游', '自驾', '摄影', '美食', '邮轮', '滑雪', '徒步', '温泉', '文化古迹', '购物', '高尔夫', '蜜月', '研学', '康养', '出境游', '周边游', '户外探险'];
