// Card URLs are untrusted: without this guard a card could make the image cache request (and
// cache) a router's admin page or a cloud metadata service. The guard refuses private addresses
// twice: up front for IP literals and local names (a clear reason, no connection), and at connect
// time on the address the socket actually reached, so a name that resolves (or re-resolves, DNS
// rebinding) to a private address is refused too. Each redirect hop is a new request: both apply.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { Agent, buildConnector, fetch as undiciFetch } from 'undici'

/** IPv4 ranges no card image may come from: [first address, prefix length, what it is]. */
const PRIVATE_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including the 169.254.169.254 metadata service
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4] // reserved, including broadcast
]

const PRIVATE_V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['fc00::', 7], // unique local
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48] // local-use NAT64 prefix (RFC 8215)
]

function buildBlockList(): BlockList {
  const list = new BlockList()
  for (const [address, prefix] of PRIVATE_V4) {
    list.addSubnet(address, prefix, 'ipv4')
    // The same IPv4 range written as IPv6: mapped, NAT64 (RFC 6052) and the old "compatible" form.
    for (const v6Prefix of ['::ffff:', '64:ff9b::', '::']) list.addSubnet(`${v6Prefix}${address}`, 96 + prefix, 'ipv6')
    list.addSubnet(sixToFourOf(address), 16 + prefix, 'ipv6')
  }
  for (const [address, prefix] of PRIVATE_V6) list.addSubnet(address, prefix, 'ipv6')
  return list
}

/** 6to4 (2002::/16) carries an IPv4 address in its next 32 bits. */
function sixToFourOf(v4: string): string {
  const [a, b, c, d] = v4.split('.').map(Number)
  return `2002:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}::`
}

const BLOCKED = buildBlockList()

/** True for any address a card image must not be fetched from (every IPv4 and IPv6 form). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const family = isIP(bare)
  if (family === 0) return true // not an address at all: refuse rather than guess
  return BLOCKED.check(bare, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Tests only: "address:port" pairs let through though private, so the guarded path itself can be
 * tested against servers on 127.0.0.1. The app never passes one.
 */
export type AllowList = readonly string[]
const NONE: AllowList = []

function isAllowed(address: string, port: number, allowList: AllowList): boolean {
  return !isPrivateAddress(address) || allowList.includes(`${address}:${port}`)
}

/** Thrown (as the fetch error's cause) when a connection would reach a private address. */
export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS'
  constructor(readonly target: string) {
    super(`private address ${target} refused (images from private networks need --allow-private-images or the allowPrivateImages setting)`)
  }
}

/**
 * Why a URL is refused before any connection, or null. The WHATWG parser has already turned
 * every IPv4 spelling (decimal 2130706433, octal 0177.1, short 127.1, hex) into dotted form.
 */
export function refusedBeforeConnecting(url: URL, allowList: AllowList = NONE): PrivateAddressError | null {
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase()
  if (isIP(host) !== 0) return isAllowed(host, Number(url.port || (url.protocol === 'https:' ? 443 : 80)), allowList) ? null : new PrivateAddressError(host)
  if (host === 'localhost' || host.endsWith('.localhost')) return new PrivateAddressError(host)
  return null
}

/** dns.lookup that only hands public (or allow-listed) addresses to the socket. */
const lookupFor = (allowList: AllowList) => ((hostname: string, options: LookupAllOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '')
    const allowed = addresses.filter((entry) => !isPrivateAddress(entry.address) || allowList.some((pair) => pair.startsWith(`${entry.address}:`)))
    if (allowed.length === 0) return callback(new PrivateAddressError(`${hostname} (${addresses[0]?.address ?? 'no address'})`), '')
    if (options.all) return callback(null, allowed)
    callback(null, allowed[0].address, allowed[0].family)
  })
}) as unknown as LookupFunction

/** Checks the address the socket really reached, before a byte of the request is sent. */
function guardedConnector(allowList: AllowList): buildConnector.connector {
  const connect = buildConnector({ lookup: lookupFor(allowList) } as buildConnector.BuildOptions)
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null)
      const remote = socket.remoteAddress
      if (!remote || !isAllowed(remote, socket.remotePort ?? 0, allowList)) {
        socket.destroy()
        return callback(new PrivateAddressError(remote ?? options.hostname), null)
      }
      callback(null, socket)
    })
  }
}

const agents = new Map<string, Agent>()

/** fetch that can only connect to public addresses (and, in tests, the allow-listed ones). */
export function guardedFetch(allowList: AllowList = NONE): typeof fetch {
  return (input, init) => {
    const key = allowList.join(' ')
    let agent = agents.get(key)
    if (!agent) agents.set(key, (agent = new Agent({ connect: guardedConnector(allowList) })))
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>
  }
}

export const publicOnlyFetch = guardedFetch()

/** The PrivateAddressError behind a failed fetch, if that is why it failed. */
export function privateAddressCause(error: unknown): PrivateAddressError | null {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (current instanceof PrivateAddressError) return current
    current = (current as { cause?: unknown }).cause
  }
  return null
}
