/**
 * Short texts agents write: interaction summaries, complaint step records, promises and survey
 * comments. `{p}` is replaced by a product or hotel name.
 */
import type { Category, Remedy, RootCause, Severity, Subcategory } from '../../../shared/domain/complaint-flow';
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

export const SEVERITIES = new Weighted<Severity>([['low', 25], ['medium', 45], ['high', 24], ['critical', 6]]);

/**
 * A kind of complaint as the wizard records it: step 1's category and subcategory (one of
 * SUBCATEGORIES_BY_CATEGORY), the customer's words and wants, step 3's facts, root causes
 * (ROOT_CAUSES codes), department and evidence.
 */
export interface ComplaintKind {
  category: Category;
  subcategory: Subcategory;
  words: readonly string[];
  wants: readonly string[];
  facts: readonly string[];
  rootCauses: readonly RootCause[];
  department: string;
  evidence: readonly string[];
  /** Which booking kinds it fits; empty = any. */
  kinds: readonly string[];
}
const k = (
  category: Category,
  subcategory: Subcategory,
  department: string,
  kinds: string,
  rootCauses: string,
  words: readonly string[],
  wants: readonly string[],
  facts: readonly string[],
  evidence: readonly string[],
  w: number,
): [ComplaintKind, number] => [
  { category, subcategory, department, kinds: kinds ? kinds.split(' ') : [], rootCauses: rootCauses.split(' ') as RootCause[], words, wants, facts, evidence },
  w,
];

// prettier-ignore
export const COMPLAINT_KINDS = new Weighted<ComplaintKind>([
  k('product_service', 'room', '客房部', 'hotel package', 'facility process',
    ['订的是景观房，结果给我安排的房间窗外是停车场，这和宣传完全不一样！', '房间空调坏了，晚上热得睡不着，打了三次电话都没人来修。', '热水时有时无，洗澡洗到一半就凉了。'],
    ['换一间符合预订的房间', '退还房型差价', '给个说法并适当补偿'],
    ['核对预订单与入住记录，客人所订房型当晚已满，前台未提前告知。', '工程部维修记录显示该房空调当晚报修两次，首次维修未修好。'],
    ['前台交接班记录', '工程部维修工单', '客人提供的房间照片'], 12),
  k('product_service', 'cleanliness', '客房部', 'hotel package', 'process staff_training',
    ['卫生间有头发，床单上还有污渍，太恶心了。', '房间有很重的烟味，明明订的是无烟房。', '浴缸边上有霉斑，毛巾也有异味。'],
    ['马上重新打扫或换房', '退一晚房费', '希望酒店重视卫生问题'],
    ['查房记录显示该房当日由实习服务员清扫，领班未复查。', '核实该楼层无烟房管理，前一位住客违规吸烟未处理。'],
    ['查房记录表', '客人拍摄的照片', '楼层领班说明'], 10),
  k('product_service', 'noise', '客房部', 'hotel package', 'communication facility',
    ['隔壁装修从早上八点吵到晚上，根本没法休息。', '楼下酒吧太吵，一晚上没睡好。', '房间正对电梯间，整夜都是开关门的声音。'],
    ['换到安静的房间', '适当减免房费'],
    ['工程部确认当日有楼层施工，入住时未告知客人。', '核实该房位于电梯旁，系统未标注噪音房。'],
    ['施工审批单', '房态系统截图'], 6),
  k('product_service', 'food', '餐饮部', 'hotel tour package', 'supplier process',
    ['早餐品种太少，去晚一点就什么都没有了。', '团餐质量太差，十个人吃六个菜，还都是凉的。', '晚餐的海鲜不新鲜，吃完孩子拉肚子。'],
    ['退还餐费', '赔偿并保证后面的餐食标准', '给个合理解释'],
    ['核对地接社餐标与实际菜单，菜品数量不足合同约定。', '餐厅补货记录显示高峰期未及时补充。'],
    ['团餐合同餐标', '餐厅出品记录', '客人就医单据'], 6),
  k('product_service', 'itinerary_change', '计调部', 'tour package', 'supplier communication',
    ['行程单上写的景点没去，临时换成了购物店。', '出发前一天才通知我们改行程，假期都请好了。', '说好的自由活动半天被取消了。'],
    ['退还未游览景点的费用', '赔偿损失', '给个书面说明'],
    ['与地接社核实，擅自调整行程未经组团社同意。', '计调变更通知记录显示，变更信息晚了两天才发给游客。'],
    ['原行程单与实际行程对比', '地接社回函', '导游日志'], 8),
  k('product_service', 'transport', '计调部', 'tour package flight', 'supplier process',
    ['接机的车晚了一个多小时，打电话也没人接。', '大巴空调坏了，一路上热得受不了。', '说好的商务车换成了面包车。'],
    ['赔偿等待时间的损失', '退还车费差价', '道歉并保证后面不再发生'],
    ['车队调度记录显示司机接错航班时间。', '核实车辆年检及保养记录，空调故障已报修未处理。'],
    ['车队派车单', '航班到达记录', '客人通话记录'], 7),
  k('product_service', 'billing', '财务部', '', 'system process',
    ['退房时多收了两晚的房费，到现在还没退。', '网上显示的价格和最后付的钱不一样。'],
    ['尽快退还多收的钱', '解释清楚收费明细'],
    ['核对支付流水，结账系统重复扣款一次。', '比对官网报价与订单金额，系统未同步最新房价。'],
    ['支付流水', '结账单据'], 6),
  k('product_service', 'booking_error', '预订部', '', 'system process',
    ['我订的是十号入住，到了前台说没有我的预订。', '订单确认了两个房间，酒店只给留了一间。'],
    ['马上安排住宿', '赔偿由此产生的费用'],
    ['预订系统与酒店接口同步失败，订单未推送到酒店。', '核实订单操作日志，第二间房在修改时被误删。'],
    ['系统接口日志', '订单操作记录'], 6),
  k('staff', 'guide', '导游管理部', 'tour', 'staff_attitude staff_training policy',
    ['导游一路上都在催我们购物，不买就给脸色看。', '导游讲解敷衍，景点介绍几句就让我们自由活动。', '导游把老人一个人丢在景区门口。'],
    ['导游当面道歉', '退还部分团费', '严肃处理这个导游'],
    ['调取团队行程记录并询问同团游客，导游确有强迫购物行为。', '导游日志与游客描述一致，讲解时间明显不足。'],
    ['同团游客证言', '导游日志', '购物店进店记录'], 8),
  k('staff', 'room', '前厅部', 'hotel package', 'staff_attitude staff_training',
    ['前台服务员态度很差，问了两遍就不耐烦。', '办入住排了四十分钟，前台还在聊天。'],
    ['前台当面道歉', '希望酒店加强员工培训'],
    ['调取前台监控，当班员工服务用语不规范。', '当晚前台仅一人当班，排班不足。'],
    ['前台监控录像', '排班表'], 6),
  k('staff', 'food', '餐饮部', 'hotel package', 'staff_attitude staff_training',
    ['服务员上错菜还不承认，说是我们点错了。', '餐厅服务员把汤洒在我身上，连句道歉都没有。'],
    ['道歉并赔偿干洗费', '餐费打折'],
    ['核对点菜单，确为服务员录入错误。', '询问当班经理及服务员，情况属实。'],
    ['点菜单', '餐厅监控'], 4),
  k('staff', 'transport', '计调部', 'tour package', 'staff_attitude policy',
    ['司机开车一直打电话，还超速，我们很害怕。', '司机嫌行李多，让我们自己搬。'],
    ['换司机', '公司给个交代'],
    ['调取车辆行驶记录，存在超速情况。', '与车队核实，司机违反服务规范。'],
    ['行车记录仪数据', '车队说明'], 4),
  k('staff', 'billing', '财务部', '', 'staff_training process',
    ['发票金额和实际付款不一致，开了三次都不对。', '退款说好三天到账，两周了还没到。'],
    ['尽快重开正确的发票', '给个准确的到账时间'],
    ['开票信息录入错误，复核环节未执行。', '退款单审批后未及时提交银行。'],
    ['开票记录', '退款审批单'], 5),
  k('staff', 'booking_error', '预订部', '', 'staff_training process',
    ['机票名字拼错了，登机差点出问题。', '订单上的入住日期被客服录成了十一号。'],
    ['改正订单并承担改签费用', '赔偿由此产生的损失'],
    ['核对通话录音，客人报的是正确日期，预订员录入错误。', '出票前未与客人核对姓名拼音。'],
    ['通话录音', '订单修改记录'], 6),
  k('staff', 'other', '客服中心', '', 'staff_attitude communication',
    ['打客服电话，客服说话很冲，还挂我电话。', '说好的回电一直没人打给我。'],
    ['客服当面道歉', '给我一个明确答复'],
    ['调取通话录音，坐席服务用语不当。', '回电任务未分配到人，超时未处理。'],
    ['通话录音', '回电任务记录'], 6),
  k('customer_own', 'itinerary_change', '计调部', 'tour package', 'customer policy',
    ['家里有急事去不了了，团费能不能全退？', '我们临时想换个出发日期，为什么要收那么多手续费？'],
    ['全额退款', '免费改期'],
    ['客人自身原因取消，按合同约定收取损失费。', '核实改期规定，销售时已书面告知。'],
    ['旅游合同条款', '销售确认单'], 4),
  k('customer_own', 'booking_error', '预订部', '', 'customer communication',
    ['我自己订错日期了，能不能帮我改一下不收钱？', '我以为订的是双床房，结果是大床房。'],
    ['免费更改', '帮忙协调'],
    ['订单页面信息正确，客人下单时选错日期。', '确认页面已标明房型，客人未仔细查看。'],
    ['订单确认短信', '下单页面截图'], 4),
  k('customer_own', 'billing', '客服中心', '', 'customer communication',
    ['我以为含早餐的，结果还要另外付费。', '我以为可以免费取消，结果扣了手续费。'],
    ['退掉早餐费', '退还手续费'],
    ['产品说明已写明不含早，客人未注意。', '取消政策在下单页有提示，客人未阅读。'],
    ['产品说明页', '下单记录'], 4),
  k('customer_own', 'transport', '计调部', 'tour flight package', 'customer other',
    ['我们晚到了十分钟，大巴就开走了。', '自己没赶上航班，酒店第一晚的钱能退吗？'],
    ['帮忙安排后续行程', '退还未使用的费用'],
    ['集合时间已多次通知，客人迟到二十分钟。', '航班正常起飞，客人自身原因误机。'],
    ['集合通知记录', '航班信息'], 3),
  k('other', 'other', '计调部', 'tour flight package', 'other supplier',
    ['台风航班取消，酒店却不给退订。', '暴雨景区关闭，行程泡汤了。', '航空公司超售，把我们挤下了飞机。'],
    ['全额退款', '重新安排行程', '赔偿额外支出'],
    ['天气原因不可抗力，与合作方协商退订。', '航空公司确认超售，已按规定安排后续航班。'],
    ['气象预警通知', '航空公司证明'], 5),
]);

/** Step 2's apology, per category (what the suggested phrasing turns into once an agent edits it). */
export const APOLOGIES: Record<Category, readonly string[]> = {
  product_service: [
    '非常抱歉给您带来不好的体验，我们一定认真核实处理。',
    '对此给您造成的不便深表歉意，我马上跟进，今天之内给您答复。',
    '实在抱歉，这不是我们应有的服务水准，我先帮您登记，马上处理。',
  ],
  staff: [
    '非常抱歉，我们员工的表现让您失望了，我代表公司向您道歉。',
    '真的很抱歉，这是我们工作的失误，我们会严肃处理并给您答复。',
    '对员工给您造成的不愉快深表歉意，我们会立即核实。',
  ],
  customer_own: [
    '理解您的心情，遇到这种情况确实着急，我尽量帮您想办法。',
    '很抱歉让您遇到这样的情况，我先帮您查一下能怎么协调。',
  ],
  other: [
    '非常抱歉行程受到影响，我们会尽全力帮您协调后续安排。',
    '遇到这样的情况我们也很抱歉，我马上联系合作方为您争取。',
  ],
};

/** Step 6: lesson and preventive action, per root cause. */
export const REFLECTIONS: Record<RootCause, readonly (readonly [string, string])[]> = {
  process: [['订单变更必须与客人二次确认', '修订预订流程，增加日期复核步骤'], ['超售情况须在入住前一天主动告知', '入住前一天电话确认并准备替代方案']],
  staff_training: [['新员工上岗前须完成服务规范培训', '对当班员工进行服务礼仪再培训'], ['出票前必须核对姓名拼音', '出票环节加入双人复核']],
  staff_attitude: [['服务态度纳入月度考核', '对涉事员工约谈并跟踪三个月'], ['导游购物安排纳入季度考核', '与导游签订服务承诺书']],
  supplier: [['合作方服务标准须写进合同', '与地接社重新签订服务标准协议'], ['供应商问题须有备选方案', '每个目的地储备两家备选车队']],
  facility: [['设施报修须当日闭环', '工程部每周巡检空调和热水'], ['客房设施问题须入住前排查', '每周抽查客房设施和清洁质量']],
  system: [['系统变更上线前须做对账测试', '系统上线重复扣款自动预警'], ['接口同步失败须即时告警', '预订接口失败时短信通知值班经理']],
  communication: [['变更信息须第一时间通知客人', '行程变更自动短信加人工电话双通知'], ['回电承诺必须落实到人', '回电任务超时自动升级给主管']],
  policy: [['取消政策须在下单时醒目提示', '产品页面突出显示取消政策'], ['特殊情况授权一线灵活处理', '明确一线可直接处理的补偿额度']],
  customer: [['重要条款须当面或电话提醒客人', '下单后发送条款要点短信'], ['集合时间须多次提醒', '出发前一晚及当天早上各提醒一次']],
  other: [['不可抗力预案须提前准备', '汛期和台风季提前制定退改方案'], ['合作方超售须有应急安排', '与航空公司建立超售快速通报机制']],
};
/** Who owns the preventive action: a role, or the complaint's owner (null). */
export const REFLECT_OWNERS: readonly (string | null)[] = ['部门经理', '质检主管', '培训主管', null, null];
export const EVIDENCE_EXTRA = ['已与当事人当面核实', '已调取相关录音', '已留存书面说明', ''];
export const FOLLOW_UP_NOTES = ['客户表示满意，感谢跟进', '客户认可处理结果', '客户仍有不满，希望再补偿', '无人接听，稍后再拨', '客户忙，约定稍后回电'];
export const REOPEN_REASONS = ['客户再次来电，对处理结果不满意', '补偿一直没有到账，客户再次投诉', '客户反映问题再次发生'];
export const REMEDIES = new Weighted<Remedy>([['refund', 25], ['compensation', 22], ['upgrade', 12], ['voucher', 20], ['redo', 6], ['apology_only', 15]]);

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
