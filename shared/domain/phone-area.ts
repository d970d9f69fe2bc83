/**
 * Where a caller's number is from, for the screen-pop card: the country, and for a Chinese
 * landline the city its area code belongs to (区号), or 'mobile' for a mobile number.
 * Pure: the table is data, the parsing is libphonenumber's (via normalizePhone).
 */
import { normalizePhone, type NormalizedPhone } from './phone';

export interface PhoneArea {
  /** ISO 3166 region ('CN', 'HK', 'US'…); null when the number does not parse or is non-geographic. */
  country: string | null;
  /** The city of a Chinese landline's area code, 'mobile' for a mobile number, else null. */
  area: string | null;
}

/**
 * Chinese area codes (with the trunk '0') of the provincial capitals, the big cities and the
 * tourist destinations a travel or hotel group hears from. Where one code serves a region the
 * label names it ('0599 武夷山/南平'); Hainan has shared 0898 since 2003, 0899 (Sanya's old
 * code) is kept for numbers still presented that way.
 */
// prettier-ignore
export const CN_AREA_CODES: Readonly<Record<string, string>> = Object.freeze({
  '010': '北京', '020': '广州', '021': '上海', '022': '天津', '023': '重庆', '024': '沈阳', '025': '南京',
  '027': '武汉', '028': '成都', '029': '西安',
  // Hebei, Shanxi, Inner Mongolia
  '0310': '邯郸', '0311': '石家庄', '0312': '保定', '0313': '张家口', '0314': '承德', '0315': '唐山', '0316': '廊坊',
  '0317': '沧州', '0318': '衡水', '0319': '邢台', '0335': '秦皇岛',
  '0351': '太原', '0352': '大同', '0355': '长治', '0356': '晋城', '0357': '临汾', '0359': '运城', '0350': '忻州/五台山',
  '0471': '呼和浩特', '0472': '包头', '0476': '赤峰', '0477': '鄂尔多斯', '0470': '呼伦贝尔',
  // Liaoning, Jilin, Heilongjiang
  '0411': '大连', '0412': '鞍山', '0413': '抚顺', '0415': '丹东', '0416': '锦州', '0417': '营口',
  '0431': '长春', '0432': '吉林', '0433': '延边',
  '0451': '哈尔滨', '0452': '齐齐哈尔', '0453': '牡丹江', '0454': '佳木斯', '0459': '大庆',
  // Jiangsu
  '0510': '无锡', '0511': '镇江', '0512': '苏州', '0513': '南通', '0514': '扬州', '0515': '盐城', '0516': '徐州',
  '0517': '淮安', '0518': '连云港', '0519': '常州', '0523': '泰州', '0527': '宿迁',
  // Zhejiang
  '0570': '衢州', '0571': '杭州', '0572': '湖州', '0573': '嘉兴', '0574': '宁波', '0575': '绍兴', '0576': '台州',
  '0577': '温州', '0578': '丽水', '0579': '金华', '0580': '舟山',
  // Anhui
  '0551': '合肥', '0552': '蚌埠', '0553': '芜湖', '0555': '马鞍山', '0556': '安庆', '0559': '黄山',
  // Fujian
  '0591': '福州', '0592': '厦门', '0593': '宁德', '0594': '莆田', '0595': '泉州', '0596': '漳州', '0597': '龙岩',
  '0598': '三明', '0599': '武夷山/南平',
  // Jiangxi
  '0791': '南昌', '0792': '九江', '0793': '上饶', '0797': '赣州', '0798': '景德镇',
  // Shandong
  '0531': '济南', '0532': '青岛', '0533': '淄博', '0535': '烟台', '0536': '潍坊', '0537': '济宁', '0538': '泰安',
  '0539': '临沂', '0631': '威海', '0633': '日照',
  // Henan
  '0371': '郑州', '0372': '安阳', '0373': '新乡', '0377': '南阳', '0378': '开封', '0379': '洛阳',
  // Hubei, Hunan
  '0710': '襄阳', '0716': '荆州', '0717': '宜昌', '0718': '恩施', '0719': '十堰',
  '0730': '岳阳', '0731': '长沙', '0734': '衡阳', '0735': '郴州', '0736': '常德', '0743': '湘西', '0744': '张家界',
  // Guangdong
  '0750': '江门', '0751': '韶关', '0752': '惠州', '0753': '梅州', '0754': '汕头', '0755': '深圳', '0756': '珠海',
  '0757': '佛山', '0758': '肇庆', '0759': '湛江', '0760': '中山', '0763': '清远', '0768': '潮州', '0769': '东莞',
  // Guangxi, Hainan
  '0771': '南宁', '0772': '柳州', '0773': '桂林', '0774': '梧州', '0779': '北海',
  '0898': '海口/海南', '0899': '三亚',
  // Sichuan, Guizhou
  '0812': '攀枝花', '0816': '绵阳', '0817': '南充', '0830': '泸州', '0831': '宜宾', '0833': '乐山', '0834': '凉山/西昌',
  '0835': '雅安', '0837': '阿坝/九寨沟', '0838': '德阳', '0839': '广元',
  '0851': '贵阳', '0852': '遵义', '0853': '安顺', '0855': '黔东南',
  // Yunnan, Tibet
  '0691': '西双版纳', '0692': '德宏', '0870': '昭通', '0871': '昆明', '0872': '大理', '0873': '红河', '0874': '曲靖',
  '0875': '保山', '0877': '玉溪', '0878': '楚雄', '0879': '普洱', '0887': '迪庆/香格里拉', '0888': '丽江',
  '0891': '拉萨', '0892': '日喀则', '0894': '林芝',
  // Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang
  '0911': '延安', '0916': '汉中', '0917': '宝鸡',
  '0931': '兰州', '0937': '酒泉/敦煌', '0938': '天水',
  '0971': '西宁', '0979': '海西/格尔木',
  '0951': '银川',
  '0991': '乌鲁木齐', '0995': '吐鲁番', '0998': '喀什', '0999': '伊犁',
});

/**
 * The area code of a Chinese landline's national number (no trunk '0'): Beijing '10' and the
 * '2x' cities have two digits, every other code three.
 */
export function cnAreaCode(nationalNumber: string): string {
  const two = nationalNumber.startsWith('10') || nationalNumber.startsWith('2');
  return `0${nationalNumber.slice(0, two ? 2 : 3)}`;
}

/** Same as phoneArea, for a number already normalised (the ring path parses once). */
export function areaOfNormalized(phone: NormalizedPhone | null): PhoneArea {
  if (!phone) return { country: null, area: null };
  const country = phone.region ?? null;
  if (phone.kind === 'mobile') return { country, area: 'mobile' };
  if (country === 'CN' && phone.kind === 'landline') return { country, area: CN_AREA_CODES[cnAreaCode(phone.national)] ?? null };
  return { country, area: null };
}

/**
 * '0571 8765 4321' → { country: 'CN', area: '杭州' }; '138 1234 5678' → { 'CN', 'mobile' };
 * '+852 2123 4567' → { 'HK', null }; garbage → { null, null }. National input is read as Chinese.
 */
export function phoneArea(raw: string, defaultRegion = 'CN'): PhoneArea {
  return areaOfNormalized(normalizePhone(raw, defaultRegion));
}

/**
 * The time zone a callback to this country should be planned in. One zone per country; for
 * countries spanning several the business capital's is the default (US → New York, CA →
 * Toronto, AU → Sydney, RU → Moscow, BR → São Paulo, ID → Jakarta), refined for North American
 * numbers by the area code where the table knows it. Unknown → null (the caller picks a default).
 */
// prettier-ignore
const COUNTRY_ZONES: Readonly<Record<string, string>> = Object.freeze({
  CN: 'Asia/Shanghai', HK: 'Asia/Hong_Kong', MO: 'Asia/Macau', TW: 'Asia/Taipei', JP: 'Asia/Tokyo', KR: 'Asia/Seoul',
  SG: 'Asia/Singapore', MY: 'Asia/Kuala_Lumpur', TH: 'Asia/Bangkok', VN: 'Asia/Ho_Chi_Minh', PH: 'Asia/Manila',
  ID: 'Asia/Jakarta', KH: 'Asia/Phnom_Penh', MM: 'Asia/Yangon', LA: 'Asia/Vientiane', IN: 'Asia/Kolkata',
  LK: 'Asia/Colombo', MV: 'Indian/Maldives', NP: 'Asia/Kathmandu', MN: 'Asia/Ulaanbaatar', KZ: 'Asia/Almaty',
  AE: 'Asia/Dubai', QA: 'Asia/Qatar', SA: 'Asia/Riyadh', TR: 'Europe/Istanbul', IL: 'Asia/Jerusalem', EG: 'Africa/Cairo',
  GB: 'Europe/London', IE: 'Europe/Dublin', FR: 'Europe/Paris', DE: 'Europe/Berlin', IT: 'Europe/Rome',
  ES: 'Europe/Madrid', PT: 'Europe/Lisbon', NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', CH: 'Europe/Zurich',
  AT: 'Europe/Vienna', SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki',
  PL: 'Europe/Warsaw', CZ: 'Europe/Prague', GR: 'Europe/Athens', RU: 'Europe/Moscow',
  US: 'America/New_York', CA: 'America/Toronto', MX: 'America/Mexico_City', BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires', AU: 'Australia/Sydney', NZ: 'Pacific/Auckland', ZA: 'Africa/Johannesburg',
});

/** North American area codes outside Eastern time that the desk's callers commonly have. */
// prettier-ignore
const NANP_ZONES: Readonly<Record<string, string>> = Object.freeze({
  // Pacific
  '206': 'America/Los_Angeles', '213': 'America/Los_Angeles', '253': 'America/Los_Angeles', '310': 'America/Los_Angeles',
  '323': 'America/Los_Angeles', '408': 'America/Los_Angeles', '415': 'America/Los_Angeles', '424': 'America/Los_Angeles',
  '425': 'America/Los_Angeles', '503': 'America/Los_Angeles', '510': 'America/Los_Angeles', '562': 'America/Los_Angeles',
  '619': 'America/Los_Angeles', '626': 'America/Los_Angeles', '628': 'America/Los_Angeles', '650': 'America/Los_Angeles',
  '669': 'America/Los_Angeles', '702': 'America/Los_Angeles', '714': 'America/Los_Angeles', '818': 'America/Los_Angeles',
  '858': 'America/Los_Angeles', '909': 'America/Los_Angeles', '916': 'America/Los_Angeles', '949': 'America/Los_Angeles',
  '604': 'America/Vancouver', '778': 'America/Vancouver', '236': 'America/Vancouver', '250': 'America/Vancouver',
  // Mountain
  '303': 'America/Denver', '720': 'America/Denver', '801': 'America/Denver', '403': 'America/Edmonton',
  '587': 'America/Edmonton', '780': 'America/Edmonton', '602': 'America/Phoenix', '480': 'America/Phoenix',
  // Central
  '312': 'America/Chicago', '773': 'America/Chicago', '872': 'America/Chicago', '214': 'America/Chicago',
  '469': 'America/Chicago', '972': 'America/Chicago', '713': 'America/Chicago', '832': 'America/Chicago',
  '281': 'America/Chicago', '512': 'America/Chicago', '210': 'America/Chicago', '612': 'America/Chicago',
  '314': 'America/Chicago', '504': 'America/Chicago', '615': 'America/Chicago', '204': 'America/Winnipeg',
  // Hawaii, Alaska
  '808': 'Pacific/Honolulu', '907': 'America/Anchorage',
});

export function phoneTimeZone(phone: NormalizedPhone | null): string | null {
  if (!phone?.region) return null;
  if (phone.region === 'US' || phone.region === 'CA') {
    const zone = NANP_ZONES[phone.national.slice(0, 3)];
    if (zone) return zone;
  }
  return COUNTRY_ZONES[phone.region] ?? null;
}
