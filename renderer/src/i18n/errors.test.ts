// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors.js';
import { createI18n } from './index.js';
import { errorMessage, fieldErrorsFrom, fieldMessage, translateFieldMessage } from './errors.js';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const msg = (i18n: typeof zh, e: ReturnType<typeof appError>) => errorMessage(i18n.t, i18n, e, i18n.language);

describe('errorMessage', () => {
  it('tells how many PIN attempts are left', () => {
    expect(msg(zh, appError('wrong_pin', { attemptsLeft: 3 }))).toBe('密码错误，还可尝试 3 次。');
    expect(msg(en, appError('wrong_pin', { attemptsLeft: 1 }))).toBe('Wrong PIN. Attempts left: 1.');
    expect(msg(zh, appError('wrong_pin'))).toBe('密码错误。');
  });

  it('tells until when an account is locked', () => {
    const until = '2031-01-02T10:15:00';
    expect(msg(zh, appError('account_locked', { until }))).toBe('密码错误次数过多，账号已锁定至 2031/01/02 10:15。');
    expect(msg(en, appError('account_locked'))).toBe('Too many wrong PINs: this account is locked for a while.');
  });

  it('prefers the finer message key, then the code, then a generic message', () => {
    expect(msg(zh, appError('rule_violation', { rule: 'last_owner' }, 'errors.last_owner'))).toBe('店铺至少要保留一位在职店主。');
    expect(msg(en, appError('conflict', { field: 'name' }, 'errors.staff_name_taken'))).toMatch(/already has this name/);
    expect(msg(zh, appError('conflict', {}, 'errors.some_future_key'))).toBe('与已有记录冲突。');
    expect(msg(en, { code: 'brand_new' as never, messageKey: 'errors.brand_new' })).toMatch(/Something went wrong/);
    expect(msg(zh, { code: 'internal', messageKey: 'errors.network' })).toMatch(/无法连接收银服务/);
  });
});

describe('field messages', () => {
  it('round-trips keys with values and refuses keys outside validation/errors', () => {
    expect(translateFieldMessage(zh.t, fieldMessage('validation.tooLong', { max: 40 }))).toBe('最多 40 个字');
    expect(translateFieldMessage(en.t, 'validation.required')).toBe('Please fill this in');
    expect(translateFieldMessage(zh.t, 'errors.staff_name_taken')).toBe('已有同名的在职员工，请换一个名字。');
    expect(translateFieldMessage(zh.t, 'Invalid string')).toBe('输入有误，请检查');
    expect(translateFieldMessage(zh.t, undefined)).toBeUndefined();
  });

  it('maps bad_input issues and conflicts onto form fields', () => {
    const bad = appError('bad_input', {
      issues: [
        { path: 'owner.pin', code: 'invalid_format', message: 'pin_format' },
        { path: 'shopName', code: 'too_small', message: 'Too small' },
        { path: 'sku', code: 'custom', message: 'control_chars' },
        { path: 'unknown', code: 'x', message: 'y' },
      ],
    });
    expect(fieldErrorsFrom(bad, { 'owner.pin': 'pin', shopName: 'shopName', sku: 'sku' })).toEqual([
      { field: 'pin', message: 'validation.pinFormat' },
      { field: 'shopName', message: 'validation.required' },
      { field: 'sku', message: 'validation.controlChars' },
    ]);
    expect(translateFieldMessage(zh.t, 'validation.controlChars')).toBe('含有看不见的字符，请直接重新输入，不要粘贴');
    const conflict = appError('conflict', { field: 'name' }, 'errors.staff_name_taken');
    expect(fieldErrorsFrom(conflict, { name: 'name' })).toEqual([{ field: 'name', message: 'errors.staff_name_taken' }]);
    expect(fieldErrorsFrom(appError('internal'), { name: 'name' })).toEqual([]);
  });
});
