package io.consentflow.adapter.http.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which resolved addresses a webhook may not reach. Always: link-local addresses (169.254.0.0/16, where cloud
 * metadata services answer, and fe80::/10) and AWS's IPv6 metadata address fd00:ec2::254. With
 * {@code denyPrivate} ({@code CONSENTFLOW_WEBHOOK_DENY_PRIVATE=true}) also loopback, the unspecified address,
 * private ranges (10/8, 172.16/12, 192.168/16), shared address space (100.64/10) and unique-local IPv6 (fc00::/7).
 * An IPv4 address written inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d) is judged as that IPv4 address.
 */
public record AddressPolicy(boolean denyPrivate) {
    private static final InetAddress EC2_METADATA_V6 = literal("fd00:ec2::254");

    /** Whether a call may not go to {@code address}. */
    public boolean refuses(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLinkLocalAddress() || a.equals(EC2_METADATA_V6)) return true;
        if (!denyPrivate) return false;
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return (b[0] & 0xfe) == 0xfc;
    }

    /** The IPv4 address an IPv4-mapped or -compatible IPv6 address carries; else the address itself. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address;
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) if (b[i] != 0) return address;
        boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        if (!mapped && !compatible) return address;
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
