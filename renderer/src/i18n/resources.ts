/**
 * All UI text, per language: the shell's files here plus one pair per feature
 * (features/<name>/locales/*.json, each under its own top-level key), so features are
 * translated next to their code without editing one shared file.
 */
import coreZh from './zh-CN.json' with { type: 'json' };
import coreEn from './en.json' with { type: 'json' };
import checkoutZh from '../features/checkout/locales/zh-CN.json' with { type: 'json' };
import checkoutEn from '../features/checkout/locales/en.json' with { type: 'json' };
import membersZh from '../features/members/locales/zh-CN.json' with { type: 'json' };
import membersEn from '../features/members/locales/en.json' with { type: 'json' };
import reportsZh from '../features/reports/locales/zh-CN.json' with { type: 'json' };
import reportsEn from '../features/reports/locales/en.json' with { type: 'json' };
import complaintsZh from '../features/complaints/locales/zh-CN.json' with { type: 'json' };
import complaintsEn from '../features/complaints/locales/en.json' with { type: 'json' };
import careZh from '../features/care/locales/zh-CN.json' with { type: 'json' };
import careEn from '../features/care/locales/en.json' with { type: 'json' };
import feedbackZh from '../features/feedback/locales/zh-CN.json' with { type: 'json' };
import feedbackEn from '../features/feedback/locales/en.json' with { type: 'json' };
import backupZh from '../features/backup/locales/zh-CN.json' with { type: 'json' };
import backupEn from '../features/backup/locales/en.json' with { type: 'json' };
import offersZh from '../features/rewards/locales/zh-CN.json' with { type: 'json' };
import offersEn from '../features/rewards/locales/en.json' with { type: 'json' };
import giftsZh from '../features/gifts/locales/zh-CN.json' with { type: 'json' };
import giftsEn from '../features/gifts/locales/en.json' with { type: 'json' };
import promotionsZh from '../features/promotions/locales/zh-CN.json' with { type: 'json' };
import promotionsEn from '../features/promotions/locales/en.json' with { type: 'json' };
import stockZh from '../features/stock/locales/zh-CN.json' with { type: 'json' };
import stockEn from '../features/stock/locales/en.json' with { type: 'json' };
import counterZh from '../features/display/locales/zh-CN.json' with { type: 'json' };
import counterEn from '../features/display/locales/en.json' with { type: 'json' };
import weighingZh from '../features/weighing/locales/zh-CN.json' with { type: 'json' };
import weighingEn from '../features/weighing/locales/en.json' with { type: 'json' };
import paymentsZh from '../features/payments/locales/zh-CN.json' with { type: 'json' };
import paymentsEn from '../features/payments/locales/en.json' with { type: 'json' };
import headOfficeZh from '../head-office/locales/zh-CN.json' with { type: 'json' };
import headOfficeEn from '../head-office/locales/en.json' with { type: 'json' };

export const zhCN = { ...coreZh, ...checkoutZh, ...membersZh, ...complaintsZh, ...careZh, ...feedbackZh, ...backupZh, ...reportsZh, ...offersZh, ...giftsZh, ...promotionsZh, ...stockZh, ...counterZh, ...weighingZh, ...paymentsZh, ...headOfficeZh };
export const en: typeof zhCN = { ...coreEn, ...checkoutEn, ...membersEn, ...complaintsEn, ...careEn, ...feedbackEn, ...backupEn, ...reportsEn, ...offersEn, ...giftsEn, ...promotionsEn, ...stockEn, ...counterEn, ...weighingEn, ...paymentsEn, ...headOfficeEn };
