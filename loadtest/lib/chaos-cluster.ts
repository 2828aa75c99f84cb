/**
 * Server processes sharing one PostgreSQL and one Redis (RedisPresence + RedisDriver), each with
 * its own PUBLIC_ADDRESS, as in production; started, killed and restarted by `npm run chaos` and
 * test/rooms/chaos.test.ts. Which process hosts which room is read from the Redis driver's room
 * listings (the `roomcaches` hash).
 */
import { Redis } from 'ioredis';
import { Api } from './rest.ts';
import { ServerNode } from './chaos-process.ts';

export interface ClusterOptions {
  ports: number[];
  /** Every process's environment: DATABASE_URL, REDIS_URL, JWT_SECRET, ... */
  env: Record<string, string>;
  /** Added for the first process only (say SEED_ON_START=true: one process migrates and seeds first). */
  firstEnv?: Record<string, string>;
}

/** One room as the Redis driver lists it. */
export interface Listing { roomId: string; name: string; processId: string; node: number; id: string }

/** The Redis driver's hash of room listings (@colyseus/redis-driver). */
const ROOM_LISTINGS = 'roomcaches';

export class Cluster {
  readonly nodes: ServerNode[] = [];
  private readonly options: ClusterOptions;
  private readonly redis: Redis;

  constructor(options: ClusterOptions) {
    this.options = options;
    this.redis = new Redis(options.env.REDIS_URL);
  }

  /** A, B, C, ... */
  name(index: number): string {
    return String.fromCharCode(65 + index);
  }

  async start(): Promise<void> {
    this.nodes[0] = this.spawn(0, this.options.firstEnv);
    await this.nodes[0].ready();
    for (let i = 1; i < this.options.ports.length; i++) this.nodes[i] = this.spawn(i);
    await Promise.all(this.nodes.map((node) => node.ready()));
  }

  /** Every process's base URL, dead or alive (a failover client tries them in turn). */
  servers = (): string[] => this.nodes.map((node) => node.baseUrl);

  /** A REST client on a process that is running. */
  api = (): Api => {
    const live = this.nodes.filter((node) => node.healthy);
    return new Api((live[Math.floor(Math.random() * live.length)] ?? this.nodes[0]).baseUrl);
  };

  /** Starts the process of slot `index` again (same port and address, a new Colyseus process id). */
  async restart(index: number): Promise<void> {
    this.nodes[index] = this.spawn(index);
    await this.nodes[index].ready();
  }

  async listings(): Promise<Listing[]> {
    const raw = await this.redis.hgetall(ROOM_LISTINGS);
    return Object.values(raw).map((json) => {
      const room = JSON.parse(json);
      const node = this.options.ports.findIndex((port) => room.publicAddress === `127.0.0.1:${port}`);
      return { roomId: room.roomId, name: room.name, processId: room.processId, node, id: room.metadata?.draftId ?? room.metadata?.gameId ?? '' };
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.kill()));
    this.redis.disconnect();
  }

  private spawn(index: number, extra: Record<string, string> = {}): ServerNode {
    const port = this.options.ports[index];
    return new ServerNode(port, { ...this.options.env, PUBLIC_ADDRESS: `127.0.0.1:${port}`, ...extra });
  }
}
