import { join } from 'node:path';
import { AdminApi } from '../support/admin';
import { request } from '../support/http';
import { SmallVolume } from '../support/small-volume';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer } from '../support/test-server';
import { ensureBuilt, ServerProcess } from '../support/server-process';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The embedded database's disk fills up: a real tmpfs, filled to the last byte. Requests that cannot be
 * stored must answer 503 (retry later), not 500; readiness must turn red; a restart must say what is
 * missing; and once space is freed everything works again without losing what was acknowledged.
 */
(SmallVolume.isSupported() ? describe : describe.skip)('embedded database on a full disk', () => {
  // Not useTestServer: a server process of its own on a small volume, restarted on it.
  let volume: SmallVolume;
  let server: ServerProcess | undefined;
  let dataDir: string;
  let kept: { client_id: string };

  const start = () =>
    ServerProcess.start(
      {
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        SHUTDOWN_DRAIN_MS: '0',
        BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
        BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
      },
      { launcher: volume.launcher },
    );
  const adminOf = (instance: ServerProcess) => AdminApi.connect({ baseUrl: instance.baseUrl } as TestServer);
  const ready = () => request(`${server!.baseUrl}/health/ready`);

  beforeAll(async () => {
    ensureBuilt();
    // Room for a fresh database (about 40 MiB) with some to spare.
    volume = await SmallVolume.create(96);
    dataDir = join(volume.path, 'data');
    server = await start();
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await volume?.close();
  });

  it('answers 503 temporarily_unavailable and turns readiness red while the disk is full, then recovers', async () => {
    const admin = await adminOf(server!);
    kept = await admin.registerClient({ client_name: 'acknowledged before the disk filled', grant_types: ['client_credentials'], scope: 'a' });
    expect((await ready()).status).toBe(200);

    volume.fill();
    try {
      // A write fails once a table or index needs a new page; until then rows still fit. The first answer
      // other than 201 must be the 503.
      let refused: Awaited<ReturnType<AdminApi['createClient']>> | undefined;
      for (let i = 0; i < 300 && !refused; i++) {
        const response = await admin.createClient({ client_name: `filler ${i}`, grant_types: ['client_credentials'], scope: 'a' });
        if (response.status !== 201) refused = response;
      }
      expect(refused?.status).toBe(503);
      expect(refused?.body).toMatchObject({ error: 'temporarily_unavailable' });
      expect(refused?.headers.get('retry-after')).toBe('5');

      const unready = await ready();
      expect(unready.status).toBe(503);
      expect(unready.body).toMatchObject({ status: 'unavailable', checks: { database: 'up', storage: 'full' } });
      expect((await request(`${server!.baseUrl}/health/live`)).status).toBe(200);
    } finally {
      volume.free();
    }

    expect((await ready()).status).toBe(200);
    expect((await admin.createClient({ client_name: 'after space was freed', grant_types: ['client_credentials'], scope: 'a' })).status).toBe(201);
  }, 120_000);

  it('refuses to restart on a full disk, naming the folder and the missing space; starts once freed, data intact', async () => {
    await server!.stop();
    server = undefined;
    volume.fill();
    try {
      await expect(start()).rejects.toThrow(new RegExp(`The embedded database in ${escape(dataDir)} cannot start: no space left on device`));
    } finally {
      volume.free();
    }

    server = await start();
    const admin = await adminOf(server);
    expect((await admin.get(`/admin/v1/clients/${kept.client_id}`)).status).toBe(200);
  }, 120_000);
});
