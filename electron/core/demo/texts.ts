/**
 * Short texts agents write: interaction summaries, complaint step records, promises and survey
 * comments. `{p}` is replaced by a product or hotel name.
 */
import { Weighted } from './random';

/** What a summary is about: a product of one of the booking kinds. */
export type SubjectKind = 'hotel' | 'tour' | 'flight' | 'package';

/**
 * Wrap-up (disposition) codes and the summaries agents type for them, per product kind where
 * the wording differs (a hotel has rooms, a tour a departure date); `any` fits every subject.
 */
export const SUMMARIES: Record<string, Partial<Record<SubjectKind | 'any', readonly string[]>>> = {
  booking: {
    any: ['客户预订{p}，已确认并发送订单短信。', '客户通过微信确认{p}订单，已发付款链接。'],
    hotel: ['客户续订{p}，沿用上次房型偏好，已确认。', '为客户预订{p}，已向酒店确认到店时间。'],
    tour: ['为客户报名{p}，出行人信息已核对，已收定金。'],
    flight: ['为客户出票{p}，电子行程单已发送。'],
    package: ['为客户预订{p}，机票酒店均已确认。'],
  },
  /** Bookings for a company group (six guests or more). */
  booking_group: {
    any: ['团队预订{p}，名单已收齐，合同已发邮箱。', '企业客户预订{p}，按月结协议挂账。'],
    tour: ['团队报名{p}，名单已收齐，合同已发邮箱。'],
    flight: ['团队出票{p}，名单已核对护照拼音。'],
    hotel: ['企业团队预订{p}，已发送入住名单给酒店。'],
  },
  inquiry: {
    any: ['询问签证办理材料，已邮件发送清单。', '咨询会员积分兑换规则，已说明。', '咨询发票开具流程，已说明。'],
    hotel: ['咨询{p}房型及早餐政策，已介绍。', '询问{p}能否延迟退房，已确认可延至14点。', '咨询{p}停车及接送机服务，已说明。'],
    tour: ['客户咨询{p}的价格和出发日期，已发送行程单。', '询问{p}是否还有余位，已查询并回复。', '咨询{p}儿童价格，已报价。'],
    flight: ['咨询{p}行李额度及退改规定，已说明。', '询问{p}能否选座，已说明值机方式。'],
    package: ['咨询{p}包含的项目，已发送套餐说明。', '询问{p}能否单订酒店，已说明。'],
  },
  change: {
    any: ['客户要求将{p}改期，已办理，差价已告知。'],
    hotel: ['更改入住人信息，已更新订单并通知酒店。', '客户申请加床，已与酒店确认。', '客户要求升级房型，已报价，客户同意补差价。'],
    tour: ['更换出行人，已重新提交名单。', '客户申请单房差，已补录并收款。'],
    flight: ['航班时刻调整，已为客户改签并短信通知。', '客户申请改签{p}，已收取改签费。'],
  },
  cancellation: { any: ['客户取消{p}，按规定收取手续费，已办理退款。', '因行程冲突取消{p}，已全额退款。'] },
  complaint: { any: ['客户投诉{p}相关问题，情绪激动，已记录并转投诉处理组。', '客户对{p}不满，已安抚并登记投诉。'] },
  callback: { any: ['约定回电，客户稍后方便时再联系。', '客户要求主管回电，已登记。', '回电告知处理进度，客户知悉。'] },
  no_answer: { any: ['外呼未接通，稍后重试。', '呼叫无人接听，已发短信告知。', '客户占线，稍后再拨。'] },
  payment: { any: ['客户咨询发票开具，已登记抬头，三个工作日内寄出。', '确认尾款已到账，已发电子合同。', '企业月结对账，已发送账单。'] },
  feedback: {
    any: ['回访满意度，客户表示满意。', '回访{p}，客户对整体安排满意。'],
    hotel: ['客户反馈{p}服务很好，表扬前台员工。', '客户建议{p}增加早餐品种，已记录反馈。'],
    tour: ['回访{p}，客户对导游很满意。', '客户反馈{p}行程偏紧，已转产品部。'],
  },
  notification: {
    any: ['订单确认短信：{p}。'],
    hotel: ['入住提醒：{p}，欢迎入住。'],
    tour: ['出行提醒：{p}集合时间与地点已发送。'],
    package: ['行程提醒：{p}航班及酒店信息已发送。'],
  },
  marketing: { any: ['推送{p}早鸟优惠。', '会员专享：{p}限时特惠。'] },
};

export const SEVERITIES = new Weighted<string>([['low', 25], ['medium', 45], ['high', 24], ['critical', 6]]);

export interface ComplaintKind {
  category: 'product' | 'staff' | 'customer' | 'other';
  subcategory: string;
  words: readonly string[];
  rootCause: readonly string[];
  department: string;
  wants: readonly string[];
  /** Which booking kinds it fits; empty = any. */
  kinds: readonly string[];
}
const k = (
  category: ComplaintKind['category'],
  subcategory: string,
  department: string,
  kinds: string,
  words: readonly string[],
  rootCause: readonly string[],
  wants: readonly string[],
  w: number,
): [ComplaintKind, number] => [{ category, subcategory, department, kinds: kinds ? kinds.split(' ') : [], words, rootCause, wants }, w];

// prettier-ignore
export const COMPLAINT_KINDS = new Weighted<ComplaintKind>([
  k('product', 'room', '客房部', 'hotel package', ['订的是景观房，结果给我安排的房间窗外是停车场，这和宣传完全不一样！', '房间空调坏了，晚上热得睡不着，换房也没人管。'], ['酒店超售，前台未提前告知客人', '工程部未及时检修空调'], ['换房', '退差价', '赔偿'], 12),
  k('product', 'cleanliness', '客房部', 'hotel package', ['卫生间有头发，床单上还有污渍，太恶心了。', '房间有很重的烟味，明明订的是无烟房。'], ['客房清洁检查漏项', '无烟房管理不到位'], ['道歉', '退款', '赔偿'], 10),
  k('product', 'noise', '客房部', 'hotel package', ['隔壁装修从早上八点吵到晚上，根本没法休息。', '楼下酒吧太吵，一晚上没睡好。'], ['装修施工未通知在住客人', '房间分配未避开噪音区域'], ['换房', '赔偿'], 6),
  k('product', 'food', '餐饮部', 'hotel tour package', ['早餐品种太少，去晚一点就什么都没有了。', '团餐质量太差，十个人吃六个菜。'], ['早餐补货不及时', '地接社餐标执行不到位'], ['解释', '赔偿'], 6),
  k('product', 'itinerary_change', '计调部', 'tour package', ['行程单上写的景点没去，临时换成了购物店。', '出发前一天才通知我们改行程。'], ['地接社擅自调整行程', '计调未及时通知游客变更'], ['退差价', '赔偿', '解释'], 8),
  k('product', 'transport', '计调部', 'tour package flight', ['接机的车晚了一个多小时，打电话也没人接。', '大巴空调坏了，一路上热得受不了。'], ['接送车辆调度失误', '车队车辆保养不到位'], ['赔偿', '道歉'], 7),
  k('staff', 'guide', '导游管理部', 'tour', ['导游一路上都在催我们购物，不买就给脸色看。', '导游讲解敷衍，景点介绍几句就让我们自由活动。'], ['导游违规安排购物', '导游服务质量考核不严'], ['道歉', '赔偿', '处理导游'], 8),
  k('staff', 'attitude', '客服中心', '', ['前台服务员态度很差，问了两遍就不耐烦。', '打客服电话，客服说话很冲，还挂我电话。'], ['员工服务意识不足', '高峰期人手不足，员工情绪失控'], ['道歉', '处理员工'], 9),
  k('staff', 'billing', '财务部', '', ['退房时多收了两晚的房费，到现在还没退。', '发票金额和实际付款不一致。'], ['前台结账系统重复扣款', '开票信息录入错误'], ['退款', '重开发票'], 8),
  k('staff', 'booking_error', '预订部', '', ['我订的是十号入住，系统里写成了十一号，到了前台没房。', '机票名字拼错了，登机差点出问题。'], ['预订员录入日期错误', '出票前未与客人核对姓名拼音'], ['赔偿', '重新安排'], 9),
  k('customer', 'misunderstanding', '客服中心', '', ['我以为含早餐的，结果还要另外付费。', '我以为可以免费取消，结果扣了手续费。'], ['客人未仔细阅读产品说明', '销售时未重点提示取消政策'], ['解释', '退款'], 6),
  k('customer', 'documents', '签证部', 'tour flight package', ['护照快过期了你们也没提醒，出不了境团费能退吗？', '签证材料漏了一份，被拒签了。'], ['客人证件有效期不足', '客人材料准备不全'], ['退款', '解释'], 3),
  k('other', 'weather', '计调部', 'tour flight package', ['台风航班取消，酒店却不给退订。', '暴雨景区关闭，行程泡汤了。'], ['不可抗力，合作方退订政策不一致', '天气原因景区临时关闭'], ['退款', '重新安排'], 4),
  k('other', 'third_party', '票务部', 'flight package', ['航空公司超售，把我们挤下了飞机。', '合作酒店把我们的预订弄丢了。'], ['航空公司超售', '合作方系统故障'], ['赔偿', '重新安排'], 3),
]);

export const APOLOGIES = [
  '非常抱歉给您带来不好的体验，我们一定认真核实处理。',
  '对此给您造成的不便深表歉意，我马上跟进处理。',
  '真的很抱歉，这是我们工作的失误，请您放心，今天之内给您答复。',
  '理解您的心情，先向您道歉，我们会尽快给您一个满意的解决方案。',
];
export const FACTS = [
  '核实订单及系统操作记录，情况属实。',
  '联系相关部门及当班负责人确认经过，与客人描述基本一致。',
  '调取通话录音及订单记录逐项核实。',
  '核对合同条款、支付流水及供应商回执。',
];
export const REMEDIES = new Weighted<string>([['refund', 25], ['compensation', 22], ['upgrade', 12], ['voucher', 20], ['redo', 6], ['apology_only', 15]]);
export const LESSONS = [
  '订单变更必须与客人二次确认',
  '超售情况须在入住前一天主动告知并提供替代方案',
  '导游购物安排纳入季度考核',
  '高峰期增派客服人手，避免长时间等待',
  '取消政策在下单时弹窗提示',
  '结账后当日核对重复扣款',
];
export const ACTIONS = [
  '修订预订流程，增加日期复核步骤',
  '对当班员工进行服务礼仪再培训',
  '与地接社重新签订服务标准协议',
  '系统上线重复扣款自动预警',
  '产品页面突出显示取消政策',
  '每周抽查客房清洁质量',
];

export const PROMISES = [
  '三个工作日内退还多收的房费',
  '周五前邮件发送签证材料清单',
  '下次入住免费升级房型',
  '48小时内回复调查结果',
  '出发前一天电话确认接机安排',
  '月底前寄出发票',
  '本周内补发代金券',
  '两天内确认能否安排连通房',
];

export const SURVEY_COMMENTS: Record<'good' | 'ok' | 'bad', readonly string[]> = {
  good: ['服务很周到，下次还会选择锦程。', '客服响应很快，问题当场解决。', '酒店干净，前台热情。', '导游专业又耐心，行程安排合理。', 'Very helpful staff, thank you!'],
  ok: ['总体还行，等待时间有点长。', '处理结果可以接受，希望以后更主动一些。', '价格偏高，服务还可以。'],
  bad: ['处理太慢，打了三次电话才解决。', '导游服务一般，购物点太多。', '承诺的回电一直没有等到。', '问题没有真正解决，很失望。'],
};

export const CALLBACK_NOTES: Record<string, readonly string[]> = {
  complaint_follow_up: ['告知投诉处理结果并征询满意度', '回访补偿方案落实情况'],
  missed_call: ['客户来电未接通，回拨', '排队放弃来电，回拨'],
  sales_lead: ['客户对{p}感兴趣，跟进报价', '官网留资，咨询{p}'],
  service_promise: ['兑现服务承诺：{p}', '告知承诺事项进展'],
  other: ['确认出行人证件信息', '核对企业月结账单'],
};
export const ATTEMPT_NOTES: Record<string, string> = {
  reached: '已联系上客户',
  no_answer: '无人接听',
  busy: '占线',
  voicemail: '转语音信箱，已留言',
  wrong_number: '号码错误',
};
