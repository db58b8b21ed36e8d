// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/index.js';
import { offerText } from './offer-text.js';

describe('offerText', () => {
  it('translates the offer forms’ keys, with money values shown as money', () => {
    const zh = createI18n('zh-CN');
    expect(offerText(zh.t, 'zh-CN', 'offers.adjust.overBonus|{"balanceFen":2000}')).toBe('扣减超过了赠送金额余额 ¥20.00');
    expect(offerText(zh.t, 'zh-CN', 'offers.err.int|{"min":1,"max":99}')).toBe('请输入 1–99 之间的整数');
    const en = createI18n('en');
    expect(offerText(en.t, 'en', 'offers.err.moneyMax|{"max":1000000}')).toBe('At most 1000000 yuan');
  });

  it('passes the core’s refusals through the shared field messages', () => {
    const zh = createI18n('zh-CN');
    expect(offerText(zh.t, 'zh-CN', 'errors.count_card_name_taken')).toBe('已有同名的次卡类型，请换一个名字。');
    expect(offerText(zh.t, 'zh-CN', 'validation.required')).toBe('请填写此项');
    expect(offerText(zh.t, 'zh-CN', undefined)).toBeUndefined();
  });
});
