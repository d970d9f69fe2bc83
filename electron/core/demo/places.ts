/**
 * Where demo customers live: mainland cities with their real long-distance area codes and local
 * number lengths (as libphonenumber validates them), Hong Kong, Taiwan and a few cities abroad.
 */
import { Weighted } from './random';

export type BranchKey =
  | 'hq'
  | 'beijing'
  | 'guangzhou'
  | 'shenzhen'
  | 'chengdu'
  | 'wuhan'
  | 'nanjing'
  | 'hongkong'
  | 'hangzhou'
  | 'sanya'
  | 'xiamen'
  | 'xian'
  | 'kunming';

export interface CnCity {
  province: string;
  city: string;
  /** Long-distance code without the trunk '0' ('21' for 021). */
  areaCode: string;
  /** Digits of a local landline number. */
  localLength: 7 | 8;
  districts: readonly string[];
  /** The group branch customers of this city are served by. */
  branch: BranchKey;
}

const c = (
  province: string,
  city: string,
  areaCode: string,
  localLength: 7 | 8,
  branch: BranchKey,
  districts: string,
  weight: number,
): [CnCity, number] => [{ province, city, areaCode, localLength, branch, districts: districts.split(' ') }, weight];

/** Weight ≈ share of the group's customers (big, affluent coastal cities first). */
// prettier-ignore
export const CN_CITIES = new Weighted<CnCity>([
  c('上海市', '上海', '21', 8, 'hq', '浦东新区 徐汇区 静安区 黄浦区 长宁区 闵行区 杨浦区 普陀区 虹口区 宝山区 松江区', 14),
  c('北京市', '北京', '10', 8, 'beijing', '朝阳区 海淀区 东城区 西城区 丰台区 石景山区 通州区 昌平区 大兴区', 11),
  c('广东省', '广州', '20', 8, 'guangzhou', '天河区 越秀区 海珠区 荔湾区 白云区 番禺区 黄埔区', 7),
  c('广东省', '深圳', '755', 8, 'shenzhen', '福田区 南山区 罗湖区 宝安区 龙岗区 龙华区', 7),
  c('浙江省', '杭州', '571', 8, 'hangzhou', '西湖区 上城区 拱墅区 滨江区 余杭区 萧山区', 6),
  c('四川省', '成都', '28', 8, 'chengdu', '锦江区 青羊区 武侯区 成华区 金牛区 高新区 双流区', 6),
  c('江苏省', '南京', '25', 8, 'nanjing', '玄武区 秦淮区 鼓楼区 建邺区 江宁区 栖霞区', 4),
  c('江苏省', '苏州', '512', 8, 'hq', '姑苏区 工业园区 虎丘区 吴中区 相城区 昆山市', 4),
  c('湖北省', '武汉', '27', 8, 'wuhan', '武昌区 江汉区 江岸区 洪山区 汉阳区 东湖高新区', 4),
  c('重庆市', '重庆', '23', 8, 'chengdu', '渝中区 江北区 南岸区 九龙坡区 沙坪坝区 渝北区', 4),
  c('陕西省', '西安', '29', 8, 'xian', '雁塔区 碑林区 莲湖区 新城区 未央区 长安区', 3),
  c('天津市', '天津', '22', 8, 'beijing', '和平区 河西区 南开区 河东区 滨海新区', 3),
  c('浙江省', '宁波', '574', 8, 'hq', '海曙区 江北区 鄞州区 北仑区 镇海区', 2),
  c('山东省', '青岛', '532', 8, 'beijing', '市南区 市北区 崂山区 李沧区 黄岛区', 2),
  c('福建省', '厦门', '592', 7, 'xiamen', '思明区 湖里区 集美区 海沧区', 2),
  c('湖南省', '长沙', '731', 8, 'wuhan', '岳麓区 芙蓉区 天心区 开福区 雨花区', 2.5),
  c('河南省', '郑州', '371', 8, 'wuhan', '金水区 二七区 中原区 管城回族区 郑东新区', 2),
  c('辽宁省', '沈阳', '24', 8, 'beijing', '和平区 沈河区 皇姑区 铁西区 浑南区', 1.5),
  c('辽宁省', '大连', '411', 8, 'beijing', '中山区 西岗区 沙河口区 甘井子区', 1.2),
  c('山东省', '济南', '531', 8, 'beijing', '历下区 市中区 槐荫区 天桥区 历城区', 1.5),
  c('福建省', '福州', '591', 8, 'xiamen', '鼓楼区 台江区 仓山区 晋安区', 1.3),
  c('云南省', '昆明', '871', 8, 'kunming', '五华区 盘龙区 官渡区 西山区 呈贡区', 1.5),
  c('安徽省', '合肥', '551', 8, 'nanjing', '蜀山区 包河区 庐阳区 瑶海区 政务区', 1.5),
  c('江西省', '南昌', '791', 8, 'wuhan', '东湖区 西湖区 青山湖区 红谷滩区', 1),
  c('江苏省', '无锡', '510', 8, 'hq', '梁溪区 滨湖区 新吴区 锡山区', 1.5),
  c('广东省', '佛山', '757', 8, 'guangzhou', '禅城区 南海区 顺德区', 1.5),
  c('广东省', '东莞', '769', 8, 'shenzhen', '南城街道 东城街道 莞城街道 松山湖', 1.5),
  c('浙江省', '温州', '577', 8, 'hangzhou', '鹿城区 龙湾区 瓯海区', 1),
  c('黑龙江省', '哈尔滨', '451', 8, 'beijing', '南岗区 道里区 道外区 香坊区', 1),
  c('吉林省', '长春', '431', 8, 'beijing', '朝阳区 南关区 宽城区 绿园区', 0.8),
  c('河北省', '石家庄', '311', 8, 'beijing', '长安区 桥西区 新华区 裕华区', 1),
  c('山西省', '太原', '351', 7, 'beijing', '小店区 迎泽区 杏花岭区 万柏林区', 0.8),
  c('广西壮族自治区', '南宁', '771', 7, 'guangzhou', '青秀区 兴宁区 西乡塘区 良庆区', 0.8),
  c('贵州省', '贵阳', '851', 8, 'chengdu', '云岩区 南明区 观山湖区 花溪区', 0.7),
  c('海南省', '海口', '898', 8, 'sanya', '龙华区 美兰区 秀英区', 0.5),
  c('海南省', '三亚', '898', 8, 'sanya', '吉阳区 天涯区 海棠区', 0.3),
  c('广东省', '珠海', '756', 7, 'guangzhou', '香洲区 金湾区 斗门区', 0.7),
  c('广西壮族自治区', '桂林', '773', 7, 'guangzhou', '秀峰区 象山区 七星区 叠彩区', 0.3),
  c('内蒙古自治区', '呼和浩特', '471', 7, 'beijing', '新城区 回民区 赛罕区', 0.4),
  c('新疆维吾尔自治区', '乌鲁木齐', '991', 7, 'xian', '天山区 沙依巴克区 新市区 水磨沟区', 0.5),
  c('甘肃省', '兰州', '931', 7, 'xian', '城关区 七里河区 安宁区', 0.5),
  c('宁夏回族自治区', '银川', '951', 7, 'xian', '兴庆区 金凤区 西夏区', 0.3),
  c('青海省', '西宁', '971', 7, 'xian', '城东区 城中区 城西区 城北区', 0.2),
  c('西藏自治区', '拉萨', '891', 7, 'chengdu', '城关区 堆龙德庆区', 0.1),
]);

/** Real mobile network prefixes (China Mobile, Unicom, Telecom, Broadnet), weighted by subscribers. */
// prettier-ignore
export const CN_MOBILE_PREFIXES = new Weighted<string>([
  ['130', 3], ['131', 3], ['132', 3], ['133', 3], ['134', 3], ['135', 5], ['136', 5], ['137', 5], ['138', 6], ['139', 6],
  ['150', 3], ['151', 3], ['152', 3], ['153', 2], ['155', 2], ['156', 2], ['157', 2], ['158', 3], ['159', 3],
  ['166', 1], ['172', 0.5], ['173', 1], ['175', 1], ['176', 1.5], ['177', 1.5], ['178', 1.5],
  ['180', 2], ['181', 2], ['182', 2], ['183', 2], ['184', 1], ['185', 2], ['186', 3], ['187', 3], ['188', 3], ['189', 3],
  ['191', 1], ['193', 0.5], ['195', 0.5], ['198', 1.5], ['199', 1.5],
]);

export const ROADS = Array.from(
  '人民路 中山路 解放路 建设路 和平路 文化路 新华路 长江路 黄河路 青年路 胜利路 友谊路 光明路 幸福路 朝阳路 东风路 建国路 复兴路 滨江路 湖滨路 南京路 北京路 世纪大道 科技路 学府路 金融街 花园路 长安街 体育路 迎宾大道 团结路 工农路 延安路 淮海路 中华路 环城路 滨河路'.split(' '),
);
export const COMPOUNDS = Array.from(
  '阳光花园 锦绣华庭 翠湖苑 金色家园 碧水湾 万科城 绿地新城 世纪花园 名都公寓 紫荆苑 华府天地 海景苑 御景湾 书香门第 星河湾 中央公园 融创府 龙湖天街 保利花园 东方名苑'.split(' '),
);

/** Hong Kong and Taiwan: traditional characters in the address, their own phone plans. */
export interface GreaterChinaPlace {
  region: 'HK' | 'TW';
  province: string;
  city: string;
  districts: readonly string[];
  roads: readonly string[];
  timeZone: string;
}
export const HONG_KONG: GreaterChinaPlace = {
  region: 'HK',
  province: '香港特别行政区',
  city: '香港',
  districts: ['中環', '尖沙咀', '銅鑼灣', '旺角', '沙田', '觀塘', '灣仔', '將軍澳', '荃灣'],
  roads: ['彌敦道', '皇后大道中', '軒尼詩道', '德輔道中', '英皇道', '廣東道', '亞皆老街'],
  timeZone: 'Asia/Hong_Kong',
};
export const TAIWAN: GreaterChinaPlace = {
  region: 'TW',
  province: '台湾',
  city: '台北',
  districts: ['大安區', '信義區', '中山區', '松山區', '內湖區', '中正區', '士林區'],
  roads: ['忠孝東路四段', '信義路五段', '敦化南路一段', '南京東路三段', '仁愛路四段', '民生東路二段'],
  timeZone: 'Asia/Taipei',
};

/** Customers from abroad: region, dialling pattern (digits after the country code) and city. */
export interface ForeignPlace {
  region: 'US' | 'CA' | 'GB' | 'AU' | 'SG';
  countryCode: string;
  city: string;
  timeZone: string;
  /** Digits after the country code; 'N' a digit 2–9, 'x' any digit. */
  mobile: readonly string[];
  landline: readonly string[];
  streets: readonly string[];
}
export const FOREIGN_PLACES = new Weighted<ForeignPlace>([
  [{ region: 'US', countryCode: '1', city: 'New York', timeZone: 'America/New_York', mobile: ['917Nxxxxxx', '646Nxxxxxx'], landline: ['212Nxxxxxx', '718Nxxxxxx'], streets: ['Broadway', '5th Avenue', 'Lexington Ave', 'Park Avenue'] }, 3],
  [{ region: 'US', countryCode: '1', city: 'San Francisco', timeZone: 'America/Los_Angeles', mobile: ['415Nxxxxxx', '628Nxxxxxx'], landline: ['415Nxxxxxx'], streets: ['Market Street', 'Mission Street', 'California Street'] }, 2],
  [{ region: 'US', countryCode: '1', city: 'Los Angeles', timeZone: 'America/Los_Angeles', mobile: ['310Nxxxxxx', '213Nxxxxxx'], landline: ['323Nxxxxxx'], streets: ['Wilshire Blvd', 'Sunset Blvd', 'Figueroa Street'] }, 2],
  [{ region: 'US', countryCode: '1', city: 'Seattle', timeZone: 'America/Los_Angeles', mobile: ['206Nxxxxxx'], landline: ['206Nxxxxxx'], streets: ['Pike Street', '1st Avenue', 'Pine Street'] }, 1],
  [{ region: 'CA', countryCode: '1', city: 'Vancouver', timeZone: 'America/Vancouver', mobile: ['604Nxxxxxx', '778Nxxxxxx'], landline: ['604Nxxxxxx'], streets: ['Granville Street', 'Robson Street', 'Main Street'] }, 2],
  [{ region: 'CA', countryCode: '1', city: 'Toronto', timeZone: 'America/Toronto', mobile: ['416Nxxxxxx', '647Nxxxxxx'], landline: ['416Nxxxxxx'], streets: ['Yonge Street', 'Bay Street', 'Queen Street West'] }, 1.5],
  [{ region: 'GB', countryCode: '44', city: 'London', timeZone: 'Europe/London', mobile: ['77xxxxxxxx', '79xxxxxxxx', '75xxxxxxxx'], landline: ['207xxxxxxx', '208xxxxxxx'], streets: ['Oxford Street', 'Baker Street', 'Kensington High Street', 'Victoria Street'] }, 3],
  [{ region: 'GB', countryCode: '44', city: 'Manchester', timeZone: 'Europe/London', mobile: ['78xxxxxxxx', '74xxxxxxxx'], landline: ['161Nxxxxxx'], streets: ['Deansgate', 'Oxford Road', 'Market Street'] }, 1],
  [{ region: 'AU', countryCode: '61', city: 'Sydney', timeZone: 'Australia/Sydney', mobile: ['4xxxxxxxx'], landline: ['29xxxxxxx', '28xxxxxxx'], streets: ['George Street', 'Pitt Street', 'Oxford Street'] }, 2],
  [{ region: 'AU', countryCode: '61', city: 'Melbourne', timeZone: 'Australia/Melbourne', mobile: ['4xxxxxxxx'], landline: ['39xxxxxxx', '38xxxxxxx'], streets: ['Collins Street', 'Bourke Street', 'Swanston Street'] }, 1.5],
  [{ region: 'SG', countryCode: '65', city: 'Singapore', timeZone: 'Asia/Singapore', mobile: ['8xxxxxxx', '9xxxxxxx'], landline: ['6xxxxxxx'], streets: ['Orchard Road', 'Bukit Timah Road', 'Marina Boulevard'] }, 3],
]);

/** Pinyin-based addresses need a mail provider; weights are Chinese consumer market shares. */
export const CN_EMAIL_DOMAINS = new Weighted<string>([
  ['qq.com', 33], ['163.com', 24], ['126.com', 10], ['sina.com', 5], ['gmail.com', 5], ['foxmail.com', 5], ['hotmail.com', 5], ['139.com', 4], ['yeah.net', 2], ['outlook.com', 4], ['sohu.com', 2], ['aliyun.com', 1],
]);
export const EN_EMAIL_DOMAINS = new Weighted<string>([['gmail.com', 40], ['outlook.com', 15], ['yahoo.com', 10], ['icloud.com', 12], ['hotmail.co.uk', 5], ['bigpond.com', 3], ['singnet.com.sg', 3], ['me.com', 4]]);
export const HK_TW_EMAIL_DOMAINS = new Weighted<string>([['gmail.com', 40], ['yahoo.com.hk', 15], ['netvigator.com', 10], ['yahoo.com.tw', 12], ['hotmail.com', 10], ['outlook.com', 8]]);
