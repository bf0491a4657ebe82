/**
 * `clickhouse://HOST:PORT/DATABASE[?cluster=NAME][&shards=HOST:PORT,HOST:PORT]`:
 * PORT is the HTTP interface. With `cluster`, tables are local on every shard
 * plus Distributed ones; DDL goes to each shard's HTTP port (ON CLUSTER needs
 * ZooKeeper), taken from `shards` or else from system.clusters (same port on
 * other hosts; on this host, shifted like the shard's TCP port).
 */
export interface ClickHouseAddress {
    /** http://host:port */
    http: string;
    host: string;
    port: number;
    database: string;
    cluster?: string;
    /** Explicit shard HTTP endpoints (http://host:port). */
    shards?: string[];
    text: string;
}

export function parseClickHouseAddress(text: string): ClickHouseAddress {
    const m = /^clickhouse:\/\/([^/:?#]+)(?::(\d+))?\/([^/?#]+)(?:\?(.*))?$/i.exec(text.trim());
    if (!m) throw new Error(`'${text}' is not a ClickHouse address (expected clickhouse://HOST:PORT/DATABASE[?cluster=NAME])`);
    const [, host, portText, database, query] = m;
    const port = portText ? Number(portText) : 8123;
    if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`'${text}': the database name may hold only letters, digits and _`);
    const address: ClickHouseAddress = { http: `http://${host}:${port}`, host, port, database, text };
    for (const [key, value] of new URLSearchParams(query ?? '')) {
        if (key === 'cluster') {
            if (!/^[A-Za-z0-9_.-]+$/.test(value)) throw new Error(`'${text}': bad cluster name '${value}'`);
            address.cluster = value;
        } else if (key === 'shards') {
            address.shards = value.split(',').map(s => s.trim()).filter(Boolean).map(s => {
                if (!/^[^/:?#]+:\d+$/.test(s)) throw new Error(`'${text}': bad shard '${s}' (expected HOST:PORT)`);
                return `http://${s}`;
            });
        } else {
            throw new Error(`'${text}': unknown option '${key}' (known: cluster, shards)`);
        }
    }
    return address;
}
