import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ComplaintReport } from '../../../shared/contract/complaint-schemas';
import { complaintReportCsv, csvCell, type CsvLabels } from '../../../renderer/features/complaints/report-csv';
import { periodRange } from '../../../renderer/state/complaint-period';
import { createFakeCore } from '../fake-core';
import { renderComplaints, seedAtStep } from './helpers';

const report: ComplaintReport = {
  from: Date.UTC(2025, 5, 1),
  to: Date.UTC(2025, 6, 1),
  opened: 3,
  closed: 2,
  byCategory: [
    { category: 'product_service', subcategory: 'room', count: 2 },
    { category: null, subcategory: null, count: 1 },
  ],
  byRootCause: [{ rootCause: 'facility', count: 2 }],
  firstContactResolution: { resolved: 1, closed: 2, rate: 0.5 },
  stepHours: [
    { step: 1, meanHours: 0.25, count: 3 },
    { step: 2, meanHours: null, count: 0 },
  ],
  remedies: [{ remedy: 'voucher', currency: 'CNY', count: 2, amountCents: 40050 }],
  satisfaction: { reached: 2, satisfied: 1, rate: 0.5 },
};

const labels: CsvLabels = {
  columns: { section: '分组', item: '项目', count: '件数', value: '比率', currency: '币种' },
  sections: { summary: '统计期间', byCategory: '按类别', byRootCause: '按根本原因', fcr: '首次接触解决率', stepHours: '各步骤平均用时（小时）', remedies: '补救方式及费用', satisfaction: '回访满意度' },
  opened: '受理',
  closed: '结案',
  category: (c, s) => (c === null ? '未分类' : `产品或服务本身${s ? ', 客房' : ''}`),
  rootCause: () => '设施设备',
  step: (n) => `${n}. 步骤`,
  remedy: () => '代金券',
};

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('complaints report', { timeout: 20_000 }, () => {
  it('the CSV: a UTF-8 BOM, CRLF rows, quoted where needed, formulas defused', () => {
    const csv = complaintReportCsv(report, labels);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      '分组,项目,件数,比率,币种',
      '统计期间,受理,3,,',
      '统计期间,结案,2,,',
      '按类别,"产品或服务本身, 客房",2,,',
      '按类别,未分类,1,,',
      '按根本原因,设施设备,2,,',
      '首次接触解决率,1/2,1,0.5,',
      '各步骤平均用时（小时）,1. 步骤,3,0.25,',
      '各步骤平均用时（小时）,2. 步骤,0,,',
      '补救方式及费用,代金券,2,400.5,CNY',
      '回访满意度,1/2,1,0.5,',
      '',
    ]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-3')).toBe("'-3");
    expect(csvCell(-3)).toBe('-3');
  });

  it('periods: this week from Monday, a custom range includes its last day, inverted is none', () => {
    const wed = new Date(2025, 5, 4, 15, 0).getTime();
    expect(periodRange({ kind: 'thisWeek', fromDate: '', toDate: '' }, wed)!.from).toBe(new Date(2025, 5, 2).getTime());
    expect(periodRange({ kind: 'thisMonth', fromDate: '', toDate: '' }, wed)!.from).toBe(new Date(2025, 5, 1).getTime());
    expect(periodRange({ kind: 'custom', fromDate: '2025-06-01', toDate: '2025-06-03' }, wed)).toEqual({ from: new Date(2025, 5, 1).getTime(), to: new Date(2025, 5, 4).getTime() });
    expect(periodRange({ kind: 'custom', fromDate: '2025-06-05', toDate: '2025-06-03' }, wed)).toBeNull();
  });

  it('a supervisor sees charts with tables and exports the CSV; settings in a dialog that Esc closes', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    await seedAtStep(core, '王芳', 6);
    await seedAtStep(core, '李娜', 4);
    const { user } = await renderComplaints({ core });
    await user.keyboard('{Alt>}5{/Alt}');
    await user.click(await screen.findByRole('button', { name: '投诉报表' }));
    expect(await screen.findByRole('heading', { level: 2, name: '投诉报表' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('期间受理 2 件，结案 0 件')).toBeTruthy());
    const byCategory = screen.getByRole('figure', { name: '按类别' });
    expect(within(byCategory).getByRole('img').getAttribute('aria-label')).toBe('按类别：产品或服务本身 / 客房 2');
    expect(within(within(byCategory).getByRole('table')).getAllByRole('row').map((r) => r.textContent)).toEqual(['项目件数', '产品或服务本身 / 客房2']);
    expect(within(screen.getByRole('figure', { name: '按根本原因' })).getByRole('img').getAttribute('aria-label')).toBe('按根本原因：设施设备 2');
    expect(within(screen.getByRole('figure', { name: '补救方式及费用' })).getByRole('img').getAttribute('aria-label')).toContain('代金券 × 1');
    expect(screen.getByText(/^100%（联系上 1 位，满意 1 位）$/)).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('统计期间'), '最近 30 天');
    await waitFor(() => expect(core.callsTo('complaints.report')).toHaveLength(2));

    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:x'), revokeObjectURL: () => {} }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Chinese
    expect(new TextDecoder().decode(bytes).startsWith('分组,项目,件数')).toBe(true);
    click.mockRestore();
    vi.unstubAllGlobals();

    await user.click(screen.getByRole('button', { name: '投诉设置' }));
    const dialog = await screen.findByRole('dialog', { name: '投诉设置' });
    const threshold = within(dialog).getByLabelText('审批额度') as HTMLInputElement;
    expect(threshold.value).toBe('500');
    await user.clear(threshold);
    await user.type(threshold, '800');
    const hours = within(dialog).getByLabelText('严重 · 倾听 时限（小时）') as HTMLInputElement;
    await user.clear(hours);
    await user.type(hours, '0');
    await user.click(within(dialog).getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(document.activeElement).toBe(hours));
    expect(within(dialog).getByText('时限须为大于 0 的小时数。')).toBeTruthy();
    await user.clear(hours);
    await user.type(hours, '3');
    await user.click(within(dialog).getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsTo('complaints.setSettings')[0]!.settings).toMatchObject({ approvalThresholdCents: 80000, sla: { high: [3, 2, 8, 48, 72, 168] } });

    await user.click(screen.getByRole('button', { name: '投诉设置' }));
    await screen.findByRole('dialog', { name: '投诉设置' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
