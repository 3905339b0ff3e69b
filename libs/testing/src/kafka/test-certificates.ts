import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  /** PEM certificate of the throwaway CA that signed the broker's certificate. */
  caFile: string;
  /** PKCS#12 store with the broker's key and certificate chain, for ssl.keystore.location. */
  brokerKeystore: string;
  brokerKeystorePassword: string;
}

/**
 * A CA and a broker certificate for 127.0.0.1 and localhost, valid for two days, written to `dir`.
 * EC P-256 keys: generated in milliseconds, and both Java and Node accept them.
 */
export async function generateTestCertificates(dir: string): Promise<TestCertificates> {
  await mkdir(dir, { recursive: true });
  const file = (name: string): string => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const brokerKeystorePassword = randomBytes(12).toString('hex');

  // prettier-ignore
  await openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2',
    '-subj', '/CN=SupportLens test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  // prettier-ignore
  await openssl('req', '-new', ...ec, '-keyout', file('broker.key'), '-out', file('broker.csr'),
    '-subj', '/CN=localhost');
  // Clients check the address they dial against the subjectAltName, so both spellings are listed.
  await writeFile(
    file('broker.ext'),
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  // prettier-ignore
  await openssl('x509', '-req', '-in', file('broker.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-days', '2', '-extfile', file('broker.ext'), '-out', file('broker.pem'));
  // prettier-ignore
  await openssl('pkcs12', '-export', '-in', file('broker.pem'), '-inkey', file('broker.key'),
    '-certfile', file('ca.pem'), '-name', 'broker', '-out', file('broker.p12'),
    '-passout', `pass:${brokerKeystorePassword}`);

  return { caFile: file('ca.pem'), brokerKeystore: file('broker.p12'), brokerKeystorePassword };
}

async function openssl(...args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT')
      throw new Error('openssl is needed to generate the test certificates (not on PATH)');
    throw new Error(`openssl ${args[0]} failed: ${stderr?.trim() || String(error)}`);
  }
}
