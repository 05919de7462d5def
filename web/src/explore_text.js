// The words of Step back, Find and challenges (issue 18), added to i18n's table so t() finds
// them; kept here so the shared table's file stays as it is.
import { TEXT } from './i18n.js';

Object.assign(TEXT.zh, {
  step_back: '后退一步',
  step_back_title: '回到上一步，和当时一模一样（Shift+空格 或 Alt+空格）',
  back_nothing: '没有可以后退的确定性运行：先单步或运行',
  find: '寻找失败的调度',
  find_title: '搜索线程的交错顺序，直到检查失败、死锁或断言出错，然后载入那次运行',
  find_stop: '停止搜索',
  find_progress: '已试 {tried} 个调度 · 每秒 {rate} 个 · {strategy}',
  find_found: '找到了：{tried} 个调度后，{preemptions} 次抢占就让它失败（{failure}）。已载入，单步看看；时间线上的竖线是抢占。',
  find_none: '在 {bound} 次抢占以内，没有会失败的调度（已穷尽搜索 {tried} 个）。',
  find_budget: '试了 {tried} 个调度，没有找到失败的（预算用完，没有穷尽）。',
  find_stopped: '搜索已停止（试了 {tried} 个调度）。',
  challenge: '挑战',
  challenge_allowed: '可以：',
  allowed_step: '单步选线程',
  allowed_params: '改参数',
  allowed_edit: '改代码',
  challenge_solved: '完成！用了 {steps} 步，第 {attempts} 次尝试。',
  challenge_open: '还没完成 · 已尝试 {attempts} 次',
  keys_back_hint: 'Shift+空格 后退',
});

Object.assign(TEXT.en, {
  step_back: 'Step back',
  step_back_title: 'Go back one step, exactly as the run stood there (Shift+Space or Alt+Space)',
  back_nothing: 'There is no det run to step back in: step or run first',
  find: 'Find failing schedule',
  find_title: 'Search the threads\' interleavings until a check fails, a deadlock occurs or an assertion raises, then load that run',
  find_stop: 'Stop search',
  find_progress: '{tried} schedules tried · {rate}/s · {strategy}',
  find_found: 'Found: after {tried} schedules, {preemptions} preemption(s) make it fail ({failure}). Loaded: step through it; the marks on the timeline are the preemptions.',
  find_none: 'No failing schedule within {bound} preemption(s) (searched all {tried}).',
  find_budget: '{tried} schedules tried, none failed (budget spent, not exhaustive).',
  find_stopped: 'Search stopped ({tried} schedules tried).',
  challenge: 'Challenge',
  challenge_allowed: 'Allowed:',
  allowed_step: 'pick threads step by step',
  allowed_params: 'change parameters',
  allowed_edit: 'edit code',
  challenge_solved: 'Solved! In {steps} steps, attempt {attempts}.',
  challenge_open: 'Not solved yet · {attempts} attempt(s)',
  keys_back_hint: 'Shift+Space back',
});

// t(key) with {name} placeholders filled from `vars`.
export function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined ? m : String(vars[k])));
}
