/**
 * The ClickHouse side of a store: the store.md tables (events and objects with
 * typed property arrays, times as Int64 epoch ms so sub-second stores match
 * other engines) and the `attributed` side table, as MergeTree tables — on a
 * cluster, local tables on every shard plus Distributed tables (events
 * sharded by event, `attributed` by owner so that each object's events sit on
 * one shard). Every name and value is quoted by clickhouse-escape.ts.
 */
import { attributionSelect, type AttributionTables } from '../duckdb/array-sql/attribution-sql.js';
import { clickHouseDialect } from './clickhouse-dialect.js';
import { parseClickHouseAddress, type ClickHouseAddress } from './clickhouse-address.js';
import { ChdbClient } from './clickhouse-chdb.js';
import { ClickHouseError, type ClickHouseClient } from './clickhouse-client.js';
import { chIdent, chString } from './clickhouse-escape.js';
import { ClickHouseHttp } from './clickhouse-http.js';

const PROPS = 'pk Array(String), pt Array(UInt8), ps Array(String), pn Array(Float64), pd Array(Int64), pdk Array(UInt8), pj Array(String)';

interface TableDef { columns: string; orderBy: string; shardKey: string; partitionBy?: string }

export const TABLE_DEFS: Record<string, TableDef> = {
    events: {
        columns: `event_id String, event_name String, occurred_at Int64, object_type Nullable(String), object_id Nullable(String), anonymous_id Nullable(String), properties String, ${PROPS}`,
        orderBy: `(ifNull(object_type, ''), ifNull(object_id, ifNull(anonymous_id, '')), occurred_at)`,
        shardKey: 'cityHash64(event_id)',
    },
    objects: {
        columns: `object_type String, object_id String, created_at Nullable(Int64), properties String, ${PROPS}`,
        orderBy: '(object_type, object_id)',
        shardKey: 'cityHash64(object_id)',
    },
    identities: { columns: 'anonymous_id String, contact_id String', orderBy: 'anonymous_id', shardKey: 'cityHash64(anonymous_id)' },
    associations: { columns: 'object_type String, object_id String, related_type String, related_id String', orderBy: '(object_type, object_id)', shardKey: 'cityHash64(object_id)' },
    event_types: { columns: 'event_name String, category String, object_type String, supports_anonymous UInt8, description Nullable(String)', orderBy: 'event_name', shardKey: 'cityHash64(event_name)' },
    attributed: { columns: `src String, obj String, anon UInt8, eid String, name String, t Int64, ${PROPS}`, orderBy: '(src, obj, t)', shardKey: 'cityHash64(obj)' },
    /**
     * One row per object of a running query, written by each shard for its own
     * objects (partitioned by run, dropped after use): the initiator
     * aggregates these, so events never leave their shard.
     */
    per_object: {
        columns: 'run String, obj String, f_tag Array(String), f_key Array(String), f_seq Array(Array(String)), f_v Array(Int64), cs Array(UInt8), ftts Array(Int64)',
        orderBy: '(run, obj)',
        shardKey: 'cityHash64(obj)',
        partitionBy: 'run',
    },
};

export const BASE_TABLES = ['events', 'objects', 'identities', 'associations', 'event_types'] as const;

/** The client for an address: HTTP for a server, chDB (in this process) for chdb://. */
export function clickHouseClientFor(address: ClickHouseAddress): ClickHouseClient {
    return address.kind === 'chdb' ? new ChdbClient(address.folder) : new ClickHouseHttp(address.http, address.settings);
}

export class ClickHouseStore {
    private shardClients: ClickHouseClient[] | undefined;

    constructor(readonly address: ClickHouseAddress, readonly client: ClickHouseClient = clickHouseClientFor(address)) {}

    get clustered(): boolean {
        return this.address.cluster !== undefined;
    }

    /** A table as queries name it (the Distributed one on a cluster). */
    table(name: string): string {
        return `${chIdent(this.address.database)}.${chIdent(name)}`;
    }

    /** The table each shard holds (the table itself without a cluster). */
    localTable(name: string): string {
        return `${chIdent(this.address.database)}.${chIdent(this.local(name))}`;
    }

    private local(name: string): string {
        return this.clustered ? `${name}_local` : name;
    }

    /** Clients for every shard (just the server itself without a cluster). */
    async shards(): Promise<ClickHouseClient[]> {
        if (this.shardClients) return this.shardClients;
        const address = this.address;
        if (address.kind === 'chdb' || !address.cluster) return (this.shardClients = [this.client]);
        if (address.shards) return (this.shardClients = address.shards.map(s => new ClickHouseHttp(s, address.settings)));
        const rows = await this.client.query(`SELECT shard_num, host_name, host_address, port, is_local FROM system.clusters WHERE cluster = ${chString(address.cluster)} AND replica_num = 1 ORDER BY shard_num`);
        if (!rows.length) throw new ClickHouseError(`ClickHouse at ${address.http} has no cluster named '${address.cluster}' (see system.clusters)`);
        const local = rows.find(r => Number(r.is_local) === 1);
        this.shardClients = rows.map(r => {
            const host = String(r.host_address);
            const sameHost = ['127.0.0.1', 'localhost', '::1', address.host].includes(host) || host === String(r.host_name);
            const port = sameHost && local ? address.port + Number(r.port) - Number(local.port) : address.port;
            return new ClickHouseHttp(`http://${host.includes(':') ? `[${host}]` : host}:${port}`, address.settings);
        });
        return this.shardClients;
    }

    /** Runs DDL on every shard. */
    async onEveryShard(sql: string): Promise<void> {
        for (const shard of await this.shards()) await shard.exec(sql);
    }

    /** Creates the database and the tables (`prefix` for staging copies) where missing. */
    async ensureTables(names: readonly string[], prefix = ''): Promise<void> {
        const db = chIdent(this.address.database);
        await this.onEveryShard(`CREATE DATABASE IF NOT EXISTS ${db}`);
        for (const name of names) {
            const def = TABLE_DEFS[name];
            const full = prefix + name;
            await this.onEveryShard(`CREATE TABLE IF NOT EXISTS ${db}.${chIdent(this.local(full))} (${def.columns}) ENGINE = MergeTree() ${def.partitionBy ? `PARTITION BY ${def.partitionBy} ` : ''}ORDER BY ${def.orderBy}`);
            if (this.clustered) {
                await this.onEveryShard(`CREATE TABLE IF NOT EXISTS ${db}.${chIdent(full)} AS ${db}.${chIdent(this.local(full))} ENGINE = Distributed(${chIdent(this.address.cluster!)}, ${db}, ${chIdent(this.local(full))}, ${def.shardKey})`);
            }
        }
    }

    async dropTables(names: readonly string[], prefix = ''): Promise<void> {
        const db = chIdent(this.address.database);
        for (const name of names) {
            if (this.clustered) await this.onEveryShard(`DROP TABLE IF EXISTS ${db}.${chIdent(prefix + name)}`);
            await this.onEveryShard(`DROP TABLE IF EXISTS ${db}.${chIdent(this.local(prefix + name))}`);
        }
    }

    /** Settings for inserts through Distributed tables: wait until every shard has its rows. */
    get insertSettings(): Record<string, number> {
        return this.clustered ? { insert_distributed_sync: 1 } : {};
    }

    /** Recomputes `attributed` from the store tables (store.md attribution). */
    async rebuildAttributed(): Promise<void> {
        await this.dropTables(['attributed']);
        await this.ensureTables(['attributed']);
        const tables: AttributionTables = {
            events: this.table('events'), identities: this.table('identities'), associations: this.table('associations'),
            eventTypes: this.table('event_types'),
            join: this.clustered ? 'GLOBAL ALL INNER JOIN' : 'ALL INNER JOIN',
            in: this.clustered ? 'GLOBAL IN' : 'IN',
            notIn: this.clustered ? 'GLOBAL NOT IN' : 'NOT IN',
            notNull: e => `assumeNotNull(${e})`,
            flag: v => `toUInt8(${v})`,
        };
        for (const source of ['contacts', 'deals', 'tickets'] as const) {
            await this.client.exec(`INSERT INTO ${this.table('attributed')} ${attributionSelect(source, tables, clickHouseDialect)}`, { settings: this.insertSettings });
        }
    }
}

export function openClickHouseStore(text: string): ClickHouseStore {
    return new ClickHouseStore(parseClickHouseAddress(text));
}
