import { describe, expect, it } from 'vitest';
import { fieldForPairError, normalisePairingCode, normaliseServerUrl, pairSchema } from './pair-schema.js';

describe('pairing form', () => {
  it('tidies an address: https:// added when missing, trailing slashes dropped, http:// left to be refused', () => {
    expect(normaliseServerUrl(' 192.168.1.10:8443/ ')).toBe('https://192.168.1.10:8443');
    expect(normaliseServerUrl('HTTPS://pos.local')).toBe('https://pos.local');
    expect(normaliseServerUrl('http://192.168.1.10:8443')).toBe('http://192.168.1.10:8443');
    expect(normaliseServerUrl('   ')).toBe('');
  });

  it('tidies a code: upper case, spaces and dashes ignored, O/I/L read as 0/1', () => {
    expect(normalisePairingCode('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(normalisePairingCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(normalisePairingCode('o1il-2345-6789')).toBe('0111-2345-6789');
    expect(normalisePairingCode('ABCD')).toBe('ABCD');
  });

  it('gives the contract the input it accepts, and says what is wrong otherwise', () => {
    expect(pairSchema.parse({ url: '192.168.1.10:8443', code: 'abcd-efgh-jkmn', tillName: ' 收银台 2 ' }))
      .toEqual({ url: 'https://192.168.1.10:8443', code: 'ABCD-EFGH-JKMN', tillName: '收银台 2' });
    const bad = pairSchema.safeParse({ url: 'http://192.168.1.10', code: 'ABCD-EFGH', tillName: '' });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byField).toEqual({ url: 'validation.httpsUrl', code: 'validation.pairingCode', tillName: 'validation.required' });
    const empty = pairSchema.safeParse({ url: '', code: '', tillName: '' });
    expect(empty.error!.issues.map((i) => i.message)).toEqual(['validation.required', 'validation.required', 'validation.required']);
  });

  it('puts a refused pairing at the field that fixes it', () => {
    expect(fieldForPairError('errors.sync_pairing_refused')).toBe('code');
    expect(fieldForPairError('errors.sync_unreachable')).toBe('url');
    expect(fieldForPairError('errors.sync_pinning')).toBe('url');
    expect(fieldForPairError('errors.sync_till_has_own_shop')).toBeNull();
  });
});
