/**
 * Where a ClickHouse store lives.
 *
 * `clickhouse://HOST:PORT/DATABASE[?cluster=NAME][&shards=HOST:PORT,HOST:PORT]`:
 * a server; PORT is the HTTP interface. With `cluster`, tables are local on
 * every shard plus Distributed ones; DDL goes to each shard's HTTP port (ON
 * CLUSTER needs ZooKeeper), taken from `shards` or else from system.clusters
 * (same port on other hosts; on this host, shifted like the shard's TCP port).
 * Any other option is a ClickHouse setting sent with every request to every
 * shard, e.g. `&max_threads=8&max_memory_usage=20000000000`.
 *
 * `chdb:///ABSOLUTE/FOLDER/DATABASE`: current ClickHouse embedded in this
 * process through the npm package chdb (clickhouse-chdb.ts), keeping its
 * data in FOLDER; no cluster.
 */
import path from 'node:path';

interface AddressBase {
    database: string;
    text: string;
}

export interface ClickHouseServerAddress extends AddressBase {
    kind: 'http';
    /** http://host:port */
    http: string;
    host: string;
    port: number;
    cluster?: string;
    /** Explicit shard HTTP endpoints (http://host:port). */
    shards?: string[];
    /** ClickHouse settings for every request (name → value), from the address's other options. */
    settings: Record<string, string>;
}

export interface ChdbAddress extends AddressBase {
    kind: 'chdb';
    /** The absolute folder chDB keeps its data in. */
    folder: string;
    cluster?: undefined;
}

export type ClickHouseAddress = ClickHouseServerAddress | ChdbAddress;

/** True for the addresses the ClickHouse engine takes (clickhouse://, chdb://). */
export function isClickHouseAddress(text: string): boolean {
    return /^(clickhouse|chdb):\/\//i.test(text);
}

export function parseClickHouseAddress(text: string): ClickHouseAddress {
    if (/^chdb:/i.test(text.trim())) return parseChdbAddress(text);
    const m = /^clickhouse:\/\/([^/:?#]+)(?::(\d+))?\/([^/?#]+)(?:\?(.*))?$/i.exec(text.trim());
    if (!m) throw new Error(`'${text}' is not a ClickHouse address (expected clickhouse://HOST:PORT/DATABASE[?cluster=NAME] or chdb:///FOLDER/DATABASE)`);
    const [, host, portText, database, query] = m;
    const port = portText ? Number(portText) : 8123;
    checkDatabase(text, database);
    const address: ClickHouseServerAddress = { kind: 'http', http: `http://${host}:${port}`, host, port, database, text, settings: {} };
    for (const [key, value] of new URLSearchParams(query ?? '')) {
        if (key === 'cluster') {
            if (!/^[A-Za-z0-9_.-]+$/.test(value)) throw new Error(`'${text}': bad cluster name '${value}'`);
            address.cluster = value;
        } else if (key === 'shards') {
            address.shards = value.split(',').map(s => s.trim()).filter(Boolean).map(s => {
                if (!/^[^/:?#]+:\d+$/.test(s)) throw new Error(`'${text}': bad shard '${s}' (expected HOST:PORT)`);
                return `http://${s}`;
            });
        } else if (/^[a-z][a-z0-9_]*$/.test(key) && /^[A-Za-z0-9_.+-]+$/.test(value)) {
            address.settings[key] = value;
        } else {
            throw new Error(`'${text}': '${key}=${value}' is neither cluster, shards nor a ClickHouse setting (name=value, letters, digits and _)`);
        }
    }
    return address;
}

function parseChdbAddress(text: string): ChdbAddress {
    const m = /^chdb:\/\/(\/[^?#]*)\/([^/?#]+)$/i.exec(text.trim());
    if (!m) throw new Error(`'${text}' is not a chDB address (expected chdb:///ABSOLUTE/FOLDER/DATABASE, e.g. chdb:///home/me/journey-data/journeys)`);
    const [, folder, database] = m;
    checkDatabase(text, database);
    return { kind: 'chdb', folder: path.resolve(folder), database, text };
}

function checkDatabase(text: string, database: string): void {
    if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`'${text}': the database name may hold only letters, digits and _`);
}
