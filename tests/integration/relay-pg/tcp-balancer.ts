// A minimal TCP load balancer for failover tests: each new connection goes to the first backend, in
// the given order, that accepts it (a refused backend is skipped, as a load balancer's health check
// would). No stickiness: a till's reconnection is just a new connection. It forwards bytes only.
import net from 'node:net';

export interface Balancer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startBalancer(backendPorts: readonly number[]): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    track(client);
    client.pause();
    client.on('error', () => client.destroy());
    const tryBackend = (index: number) => {
      if (index >= backendPorts.length || client.destroyed) {
        client.destroy();
        return;
      }
      const upstream = net.connect(backendPorts[index], '127.0.0.1');
      track(upstream);
      upstream.once('error', () => tryBackend(index + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
