import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byName, createFakeCore, type FakeCore } from '../fake-core';
import { figures } from '../fake-wallboard';
import { renderApp } from '../render-app';
import { hhmm, press, tabTo } from '../sync/helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

const board = () => screen.getByRole('region', { name: '班长看板' });
const section = (name: string | RegExp) => within(board()).getByRole('region', { name });

function seed(core: FakeCore) {
  const li = core.agents.agents[1]!;
  const chen = core.agents.agents[2]!;
  core.wallboard.snapshot = {
    ...core.wallboard.snapshot,
    source: 'hub',
    centre: figures({
      offered: 40,
      answered: 34,
      answeredWithinThreshold: 28,
      abandoned: 4,
      shortAbandoned: 2,
      serviceLevelPct: 73.7,
      serviceLevelNumerator: 28,
      serviceLevelDenominator: 38,
      abandonRatePct: 10.5,
      asaS: 14,
      ahtS: 245,
      waiting: 3,
      longestWaitS: 75,
    }),
    queues: [{ queue: 'hotel', figures: figures({ offered: 40, answered: 34, waiting: 3, serviceLevelPct: 73.7, longestWaitS: 75 }) }],
    agentCounts: { available: 1, ringing: 0, on_call: 1, wrap_up: 0, break: 0, offline: 0 },
    agents: [
      { agentId: li.id, name: li.name, branchId: 'sh', state: 'on_call', since: Date.now() - 65_000, timeInStateS: 65 },
      { agentId: chen.id, name: chen.name, branchId: 'sh', state: 'available', since: Date.now() - 5_000, timeInStateS: 5 },
    ],
    callbacks: { due: 2, overdue: 1, escalated: 1 },
    complaints: { openByStep: [1, 0, 2, 1, 0, 0], slaBreached: 1, awaitingApproval: 1 },
    promisesOverdue: 3,
    branches: [{ branchId: 'sh', name: '上海门店', lastSeenAt: Date.now() - 5 * 60_000, pending: 4, parked: 0, conflicts: 2 }],
  };
  return { li, chen };
}

async function openBoard(core: FakeCore) {
  const r = await renderApp({ core });
  await r.user.keyboard('{Alt>}6{/Alt}');
  await waitFor(() => expect(within(board()).getByRole('region', { name: '全中心概况' })).toBeTruthy());
  return r;
}

describe('wallboard access', { timeout: 20_000 }, () => {
  it('an agent sees no 看板 entry, Alt+6 does nothing, and the view refuses to render', async () => {
    const core = createFakeCore({ role: 'agent' });
    const { user, store } = await renderApp({ core });
    const nav = screen.getByRole('navigation', { name: '视图' });
    expect(within(nav).queryByRole('button', { name: /看板/ })).toBeNull();
    await user.keyboard('{Alt>}6{/Alt}');
    expect(screen.queryByRole('region', { name: '班长看板' })).toBeNull();
    expect(core.callsTo('wallboard.get')).toEqual([]);
    // Reached somehow (state forced): it says so and shows nothing else.
    act(() => store.setState({ view: 'wallboard' }));
    expect(within(board()).getByRole('alert').textContent).toBe('只有班长和管理员可以查看看板。');
    expect(within(board()).queryByRole('region', { name: '全中心概况' })).toBeNull();
  });

  it('a supervisor has 看板 on Alt+6', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    const { user } = await renderApp({ core });
    const entry = within(screen.getByRole('navigation', { name: '视图' })).getByRole('button', { name: '看板' });
    expect(entry.getAttribute('aria-keyshortcuts')).toBe('Alt+6');
    await press(user, entry);
    await waitFor(() => expect(core.callsTo('wallboard.get')).toHaveLength(1));
  });
});

describe('wallboard figures', { timeout: 20_000 }, () => {
  it('tiles show the snapshot, the SL target and its definition in words, and the source', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    await openBoard(core);
    const tiles = section('全中心概况');
    const tile = (name: string) => within(tiles).getByText(name).closest('div')!;
    expect(tile('排队等待').textContent).toContain('3');
    expect(tile('排队等待').textContent).toContain('最长等待 1:15');
    expect(tile('今日呼入').textContent).toContain('40');
    expect(tile('今日接通').textContent).toContain('34');
    expect(tile('今日放弃').textContent).toContain('另有短时放弃 2 通');
    const sl = tile('服务水平');
    expect(sl.textContent).toContain('73.7%');
    expect(sl.textContent).toContain('目标 80%（20 秒内接通）');
    expect(sl.textContent).toContain('28 / 38 通');
    expect(sl.textContent).toContain('低于目标');
    expect(tile('放弃率').textContent).toContain('10.5%');
    expect(tile('平均应答速度（ASA）').textContent).toContain('0:14');
    expect(tile('平均处理时长（AHT）').textContent).toContain('4:05');
    expect(within(tiles).getByText(/^服务水平 = 等待不超过 20 秒即接通的来电 ÷（接通 \+ 放弃 \+ 未接离队的来电）。.*目标 80%。$/)).toBeTruthy();
    expect(within(tiles).getByText('等待 5 秒内就挂断的来电（短时放弃，如拨错号）不计入服务水平和放弃率。')).toBeTruthy();
    expect(within(board()).getByText(/数据来源：总部汇总，全中心所有门店/)).toBeTruthy();
    // Agents, with time in state; work; branches.
    const agents = section('坐席状态');
    const li = within(agents).getByRole('row', { name: /李静/ });
    expect(li.textContent).toContain('通话中');
    expect(li.textContent).toMatch(/1:0\d/);
    const work = section('回访、投诉与承诺');
    expect(within(work).getByText('服务承诺逾期').closest('div')!.textContent).toContain('3');
    expect(within(work).getByRole('figure', { name: '各步骤未结投诉' })).toBeTruthy();
    const branches = section('各门店同步');
    expect(within(branches).getByRole('row', { name: /上海门店/ }).textContent).toContain('5 分钟前');
  });

  it('wallboard.updated replaces the figures', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    await openBoard(core);
    act(() => void core.wallboard.update({ centre: figures({ waiting: 9, offered: 41, longestWaitS: 130 }) }));
    const tiles = section('全中心概况');
    await waitFor(() => expect(within(tiles).getByText('排队等待').closest('div')!.textContent).toContain('9'));
    expect(within(tiles).getByText('最长等待 2:10')).toBeTruthy();
    expect(within(tiles).getByText('今日呼入').closest('div')!.textContent).toContain('41');
  });
});

describe('wallboard alerts', { timeout: 20_000 }, () => {
  it('a banner appears once per raise with a desktop notification; cleared and raised again announces again', async () => {
    const shown: string[] = [];
    class FakeNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
      onclick: (() => void) | null = null;
      constructor(_title: string, options?: NotificationOptions) {
        shown.push(options?.body ?? '');
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    const { user } = await openBoard(core);
    const alert = { id: 'waiting:centre', kind: 'waiting' as const, scope: null, value: 7, threshold: 5, raisedAt: Date.now(), messageKey: 'wallboard.alert.waiting' };
    act(() => void core.wallboard.update({ alerts: [alert] }));
    const alerts = () => within(screen.getByRole('region', { name: '看板告警' })).getAllByRole('alert');
    await waitFor(() => expect(alerts()).toHaveLength(1));
    expect(alerts()[0]!.textContent).toContain('全中心排队等待 7 通，超过上限 5 通。');
    expect(shown).toEqual(['全中心排队等待 7 通，超过上限 5 通。']);
    // Still active: no second banner, no second notification.
    act(() => void core.wallboard.update({ alerts: [{ ...alert, value: 8 }] }));
    await waitFor(() => expect(alerts()[0]!.textContent).toContain('8 通'));
    expect(alerts()).toHaveLength(1);
    expect(shown).toHaveLength(1);
    // Dismissed: gone while the episode lasts.
    await press(user, screen.getByRole('button', { name: /^关闭告警：/ }));
    expect(screen.queryByRole('region', { name: '看板告警' })).toBeNull();
    act(() => void core.wallboard.update({ alerts: [{ ...alert, value: 9 }] }));
    expect(screen.queryByRole('region', { name: '看板告警' })).toBeNull();
    // Cleared, then raised again: announced again.
    act(() => void core.wallboard.update({ alerts: [] }));
    act(() => void core.wallboard.update({ alerts: [{ ...alert, value: 6 }] }));
    await waitFor(() => expect(alerts()).toHaveLength(1));
    expect(shown).toHaveLength(2);
  });

  it('many alerts at once: the newest two show, the rest one key press away', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    const { user } = await openBoard(core);
    const at = Date.now();
    const queueAlert = (queue: string, i: number) => ({
      id: `service_level:queue:${queue}`, kind: 'service_level' as const, scope: queue, value: 50 + i, threshold: 80, raisedAt: at + i, messageKey: 'wallboard.alert.service_level',
    });
    act(() => void core.wallboard.update({ alerts: ['hotline', 'vip', 'english', 'group'].map(queueAlert) }));
    const region = () => screen.getByRole('region', { name: '看板告警' });
    await waitFor(() => expect(within(region()).getAllByRole('alert')).toHaveLength(2));
    const more = within(region()).getByRole('button', { name: '还有 2 条告警' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    await press(user, more);
    expect(within(region()).getAllByRole('alert')).toHaveLength(4);
    await press(user, within(region()).getByRole('button', { name: '只看最新两条' }));
    expect(within(region()).getAllByRole('alert')).toHaveLength(2);
  });
});

describe('wallboard actions', { timeout: 20_000 }, () => {
  it('sets an agent on break after a confirm step and says it was delivered', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    const { li } = seed(core);
    const { user } = await openBoard(core);
    const row = within(section('坐席状态')).getByRole('row', { name: /李静/ });
    await press(user, within(row).getByRole('button', { name: '设为小休' }));
    const confirm = within(section('坐席状态')).getByRole('group', { name: '确认更改坐席状态' });
    expect(confirm.textContent).toContain('确定将 李静 设为小休？');
    expect(core.callsTo('wallboard.setAgentState')).toEqual([]);
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: '确定' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(section('坐席状态')).getByRole('status').textContent).toContain('已送达：李静 现为小休。'));
    expect(core.callsTo('wallboard.setAgentState')).toEqual([{ agentId: li.id, state: 'break' }]);
  });

  it('says when the command was not delivered', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    core.wallboard.deliver = false;
    const { user } = await openBoard(core);
    const row = within(section('坐席状态')).getByRole('row', { name: /陈晨/ });
    await press(user, within(row).getByRole('button', { name: '强制登出' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(section('坐席状态')).getByRole('status').textContent).toContain('指令未送达：陈晨 的坐席当前没有连接。'));
  });

  it('reassigns the ticked complaints to the chosen agent', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    const a = await core.call('complaints.start', { customerId: byName(core, '王芳').customer.id, source: 'profile', interactionId: null, firstContact: false });
    const b = await core.call('complaints.start', { customerId: byName(core, '李娜').customer.id, source: 'profile', interactionId: null, firstContact: false });
    if (!a.ok || !b.ok) throw new Error('seed failed');
    const { user } = await openBoard(core);
    const reassign = within(board()).getByRole('region', { name: '改派投诉' });
    const boxA = await within(reassign).findByRole('checkbox', { name: /王芳/ });
    await tabTo(user, boxA);
    await user.keyboard(' ');
    await tabTo(user, within(reassign).getByRole('checkbox', { name: /李娜/ }));
    await user.keyboard(' ');
    await user.selectOptions(within(reassign).getByRole('combobox', { name: '改派给' }), '陈晨');
    await press(user, within(reassign).getByRole('button', { name: '改派所选 2 件' }));
    await waitFor(() => expect(within(reassign).getByRole('status').textContent).toBe('已改派 2 件投诉。'));
    expect(core.callsTo('complaints.reassign')).toEqual([{ ids: [a.value.id, b.value.id], agentId: core.agents.agents[2]!.id }]);
  });

  it('saves the settings from the dialog', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    const { user } = await openBoard(core);
    await press(user, within(board()).getByRole('button', { name: '看板设置' }));
    const dialog = await screen.findByRole('dialog', { name: '看板设置' });
    const threshold = await within(dialog).findByRole('spinbutton', { name: '接通阈值（秒）' });
    await tabTo(user, threshold);
    await user.keyboard('{Control>}a{/Control}30');
    const formula = within(dialog).getByRole('radio', { name: '接通占接通来电' });
    expect(within(dialog).getByText(/^服务水平 = 等待不超过 30 秒即接通的来电 ÷ 全部接通的来电。/)).toBeTruthy();
    // user-event walks a radio group with CSS.escape, which jsdom lacks.
    vi.stubGlobal('CSS', { escape: (s: string) => s.replace(/["\\]/g, '\\$&') });
    await tabTo(user, within(dialog).getByRole('radio', { name: /接通占全部来电/ }));
    await user.keyboard('{ArrowDown}');
    expect((formula as HTMLInputElement).checked).toBe(true);
    await press(user, within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '看板设置' })).toBeNull());
    expect(core.callsTo('wallboard.setSettings')).toEqual([
      { settings: { ...core.wallboard.settings, serviceLevelThresholdS: 30, serviceLevelFormula: 'answered_of_answered' } },
    ]);
    expect(core.wallboard.settings.serviceLevelThresholdS).toBe(30);
  });
});

describe('centre report', { timeout: 20_000 }, () => {
  it('renders the charts with tables and exports CSV with a BOM', async () => {
    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:x'), revokeObjectURL: () => {} }));
    const core = createFakeCore({ role: 'supervisor' });
    seed(core);
    core.wallboard.report = {
      ...core.wallboard.report,
      contactsByChannel: [{ key: 'phone', count: 12 }, { key: 'wechat', count: 5 }],
      intervals: [{ start: 0, end: 1, label: '09:00', offered: 10, answered: 9, abandoned: 1, serviceLevelPct: 80, abandonRatePct: 10 }],
      firstContactResolution: { resolved: 3, closed: 4, rate: 0.75 },
      nps: { responses: 10, score: 20 },
    };
    const { user } = await openBoard(core);
    await press(user, within(board()).getByRole('tab', { name: '报表' }));
    const chart = await screen.findByRole('figure', { name: '按渠道的联系量' });
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toContain('12');
    expect(within(chart).getByRole('table', { hidden: true })).toBeTruthy();
    expect(screen.getByRole('figure', { name: '各时段服务水平' }).textContent).toContain('80%');
    expect(screen.getByText('75%（3/4）')).toBeTruthy();
    expect(core.callsTo('reports.centre').at(-1)).toMatchObject({ intervalMinutes: 60 });
    await user.selectOptions(screen.getByRole('combobox', { name: '时段' }), '15 分钟');
    await waitFor(() => expect(core.callsTo('reports.centre').at(-1)).toMatchObject({ intervalMinutes: 15 }));
    await press(user, await screen.findByRole('button', { name: '导出 CSV' }));
    expect(created).toHaveLength(1);
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('按渠道的联系量,');
    expect(text).toContain('\r\n');
    expect(text).toContain('首次解决率,3/4,3,75');
  });
});

describe('presence', { timeout: 20_000 }, () => {
  it('an agent toggles break with the button and Alt+B; a supervisor’s change is announced', async () => {
    const core = createFakeCore({ role: 'agent' });
    const { user } = await renderApp({ core });
    const group = () => screen.getByRole('group', { name: '我的状态' });
    await waitFor(() => expect(within(group()).getByRole('button', { name: '小休' })).toBeTruthy());
    await press(user, within(group()).getByRole('button', { name: '小休' }));
    await waitFor(() => expect(within(group()).getByText(`小休中 · 自 ${hhmm(core.wallboard.presence.since)} 起`)).toBeTruthy());
    expect(core.callsTo('presence.set')).toEqual([{ state: 'break' }]);
    await user.keyboard('{Alt>}b{/Alt}');
    await waitFor(() => expect(within(group()).getByRole('button', { name: '小休' })).toBeTruthy());
    expect(core.callsTo('presence.set')).toEqual([{ state: 'break' }, { state: 'available' }]);
    act(() => core.wallboard.setPresence('break', 'supervisor'));
    expect(within(group()).getByRole('alert').textContent).toContain('班长已将您设为小休');
    expect(within(group()).getByRole('button', { name: '回来' })).toBeTruthy();
  });
});
