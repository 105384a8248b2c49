// Lets the relay shut down promptly. Node's server.close() waits for every connection, and only reaps
// keep-alive sockets between requests: a till that reconnects at the moment its stream ends leaves a
// connection that has sent nothing yet, which would hold close() open until headersTimeout. This
// tracks connections so that, once shutting down, those without a request in flight are cut at once,
// and those with one are closed as soon as their response is done.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionDrain {
  beginShutdown(): void;
}

export function trackConnections(server: Server): ConnectionDrain {
  const open = new Set<Socket>();
  const busy = new Set<Socket>();
  let shuttingDown = false;

  server.on('connection', (socket: Socket) => {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      busy.delete(socket);
    });
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    busy.add(socket);
    response.once('close', () => {
      busy.delete(socket);
      if (shuttingDown) socket.destroySoon();
    });
  });

  return {
    beginShutdown() {
      shuttingDown = true;
      for (const socket of open) {
        if (!busy.has(socket)) socket.destroy();
      }
    },
  };
}
