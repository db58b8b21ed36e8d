import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { lanIPv4Addresses } from './net.js';

/**
 * The server's own TLS identity: a self-signed certificate made at first start and kept in
 * the data folder. Tills trust it by its SHA-256 fingerprint, pinned at pairing, not through
 * a CA; so it must stay the same across restarts (a new one would unpair every till), and it
 * is valid for 20 years rather than the usual one.
 */
export interface ServerIdentity {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), hex lower-case without colons. */
  fingerprint: string;
}

export const CERT_FILE = 'server-cert.pem';
export const KEY_FILE = 'server-key.pem';

/** The form tls's getPeerCertificate().fingerprint256 has, without colons, lower-case. */
export function normaliseFingerprint(fp: string): string {
  return fp.replaceAll(':', '').toLowerCase();
}

export function fingerprintOf(certPem: string): string {
  return normaliseFingerprint(new crypto.X509Certificate(certPem).fingerprint256);
}

export async function makeCertificate(hostname = os.hostname(), ips = lanIPv4Addresses()): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000); // a till whose clock runs a bit behind
  const notAfterDate = new Date(notBeforeDate.getTime() + 20 * 365 * 24 * 3600_000);
  const altNames = [
    { type: 2 as const, value: hostname },
    { type: 2 as const, value: 'localhost' },
    { type: 7 as const, ip: '127.0.0.1' },
    ...ips.map((ip) => ({ type: 7 as const, ip })),
  ];
  const pems = await generate([{ name: 'commonName', value: hostname }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Reads the identity from dataDir, making it on first start. The key file is 0600. */
export async function loadOrCreateIdentity(dataDir: string): Promise<ServerIdentity> {
  const certFile = path.join(dataDir, CERT_FILE);
  const keyFile = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const cert = fs.readFileSync(certFile, 'utf8');
    const key = fs.readFileSync(keyFile, 'utf8');
    return { cert, key, fingerprint: fingerprintOf(cert) };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const { cert, key } = await makeCertificate();
  // Key first, each written aside and renamed: a crash never leaves a cert without its key.
  writeAtomically(keyFile, key, 0o600);
  writeAtomically(certFile, cert, 0o644);
  return { cert, key, fingerprint: fingerprintOf(cert) };
}

function writeAtomically(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fs.chmodSync(tmp, mode); // writeFileSync's mode is filtered by the umask
  fs.renameSync(tmp, file);
}
