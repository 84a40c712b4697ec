using System.Buffers.Binary;
using System.Net;

namespace PppTui.Core.Status;

/// <summary>What one rtnetlink message says.</summary>
public enum RtMessageKind
{
    /// <summary>An interface appeared or changed (RTM_NEWLINK).</summary>
    NewLink,
    /// <summary>An interface went away (RTM_DELLINK).</summary>
    DelLink,
    /// <summary>An address was added or changed (RTM_NEWADDR).</summary>
    NewAddress,
    /// <summary>An address was removed (RTM_DELADDR).</summary>
    DelAddress,
    /// <summary>A route was added or changed (RTM_NEWROUTE).</summary>
    NewRoute,
    /// <summary>A route was removed (RTM_DELROUTE).</summary>
    DelRoute,
    /// <summary>The end of a dump (NLMSG_DONE).</summary>
    Done,
    /// <summary>An error or acknowledgement (NLMSG_ERROR); <see cref="RtMessage.Error"/> holds the negative errno, 0 for an ack.</summary>
    Error,
    /// <summary>Anything else (neighbours, rules, ...): not read.</summary>
    Other,
}

/// <summary>An interface as RTM_NEWLINK/RTM_DELLINK describe it.</summary>
/// <param name="Flags">The IFF_* flags (IFF_UP 0x1, IFF_POINTOPOINT 0x10, IFF_LOWER_UP 0x10000, ...).</param>
/// <param name="OperState">IFLA_OPERSTATE (RFC 2863: 0 unknown ... 6 up), null when not sent.</param>
public sealed record RtLink(int Index, string? Name, uint Flags, int? Mtu, byte? OperState);

/// <summary>An address as RTM_NEWADDR/RTM_DELADDR describe it. On a point-to-point link IFA_LOCAL is this end and IFA_ADDRESS the peer.</summary>
public sealed record RtAddress(int Index, string Family, int PrefixLength, string? Local, string? Address);

/// <summary>A route as RTM_NEWROUTE/RTM_DELROUTE describe it.</summary>
/// <param name="Table">The routing table (RTA_TABLE when sent, else the header's; 254 is main).</param>
/// <param name="Type">RTN_* (1 unicast, 2 local, 3 broadcast, 6 blackhole, 7 unreachable, ...).</param>
public sealed record RtRoute(string Family, int Table, int DestinationLength, string? Destination, string? Gateway,
    int? OutputInterface, int? Priority, byte Protocol, byte Scope, byte Type, string? PreferredSource);

/// <summary>One parsed message; exactly one of the payloads is set for the link, address and route kinds.</summary>
public sealed record RtMessage(RtMessageKind Kind, uint Sequence, RtLink? Link = null, RtAddress? Address = null,
    RtRoute? Route = null, int Error = 0);

/// <summary>
/// Parses rtnetlink messages (rtnetlink(7)): a buffer as one recv() on a NETLINK_ROUTE socket
/// returns it, several messages each 4-byte aligned. Pure, so it is tested on captured bytes; a
/// truncated or malformed message ends the parse instead of throwing (what came before it stands).
/// </summary>
public static class RtNetlinkParser
{
    private const int HeaderLength = 16;

    public static IReadOnlyList<RtMessage> Parse(ReadOnlySpan<byte> buffer)
    {
        var messages = new List<RtMessage>();
        int offset = 0;
        while (buffer.Length - offset >= HeaderLength)
        {
            var header = buffer[offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length < HeaderLength || length > header.Length) break;
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            var payload = header[HeaderLength..length];
            var message = type switch
            {
                2 => new RtMessage(RtMessageKind.Error, sequence, Error: payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload) : 0),
                3 => new RtMessage(RtMessageKind.Done, sequence),
                16 or 17 => ParseLink(payload) is { } link
                    ? new RtMessage(type == 16 ? RtMessageKind.NewLink : RtMessageKind.DelLink, sequence, Link: link) : null,
                20 or 21 => ParseAddress(payload) is { } address
                    ? new RtMessage(type == 20 ? RtMessageKind.NewAddress : RtMessageKind.DelAddress, sequence, Address: address) : null,
                24 or 25 => ParseRoute(payload) is { } route
                    ? new RtMessage(type == 24 ? RtMessageKind.NewRoute : RtMessageKind.DelRoute, sequence, Route: route) : null,
                _ => new RtMessage(RtMessageKind.Other, sequence),
            };
            if (message is null) break;
            messages.Add(message);
            offset += Align(length);
        }
        return messages;
    }

    // struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; } then IFLA_* attributes.
    private static RtLink? ParseLink(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 16) return null;
        int index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        string? name = null;
        int? mtu = null;
        byte? operState = null;
        foreach (var (type, value) in Attributes(payload[16..]))
        {
            switch (type)
            {
                case 3: name = CString(value); break;                                      // IFLA_IFNAME
                case 4 when value.Length >= 4: mtu = (int)BinaryPrimitives.ReadUInt32LittleEndian(value); break; // IFLA_MTU
                case 16 when value.Length >= 1: operState = value[0]; break;              // IFLA_OPERSTATE
            }
        }
        return new RtLink(index, name, flags, mtu, operState);
    }

    // struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; } then IFA_* attributes.
    private static RtAddress? ParseAddress(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 8) return null;
        byte family = payload[0];
        int prefix = payload[1];
        int index = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        string? address = null, local = null;
        foreach (var (type, value) in Attributes(payload[8..]))
        {
            switch (type)
            {
                case 1: address = Ip(family, value); break; // IFA_ADDRESS
                case 2: local = Ip(family, value); break;   // IFA_LOCAL
            }
        }
        return new RtAddress(index, FamilyName(family), prefix, local, address);
    }

    // struct rtmsg { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; } then RTA_* attributes.
    private static RtRoute? ParseRoute(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 12) return null;
        byte family = payload[0];
        int table = payload[4];
        string? destination = null, gateway = null, source = null;
        int? oif = null, priority = null;
        foreach (var (type, value) in Attributes(payload[12..]))
        {
            switch (type)
            {
                case 1: destination = Ip(family, value); break;                                             // RTA_DST
                case 4 when value.Length >= 4: oif = BinaryPrimitives.ReadInt32LittleEndian(value); break;     // RTA_OIF
                case 5: gateway = Ip(family, value); break;                                                 // RTA_GATEWAY
                case 6 when value.Length >= 4: priority = (int)BinaryPrimitives.ReadUInt32LittleEndian(value); break; // RTA_PRIORITY
                case 7: source = Ip(family, value); break;                                                  // RTA_PREFSRC
                case 15 when value.Length >= 4: table = (int)BinaryPrimitives.ReadUInt32LittleEndian(value); break; // RTA_TABLE
            }
        }
        return new RtRoute(FamilyName(family), table, payload[1], destination, gateway, oif, priority,
            payload[5], payload[6], payload[7], source);
    }

    private static List<(ushort Type, byte[] Value)> Attributes(ReadOnlySpan<byte> span)
    {
        var result = new List<(ushort, byte[])>();
        int offset = 0;
        while (span.Length - offset >= 4)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            // The top bits of the type are NLA_F_NESTED and NLA_F_NET_BYTEORDER, not part of it.
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]) & 0x3fff);
            if (length < 4 || offset + length > span.Length) break;
            result.Add((type, span.Slice(offset + 4, length - 4).ToArray()));
            offset += Align(length);
        }
        return result;
    }

    private static int Align(int length) => (length + 3) & ~3;

    private static string CString(byte[] value)
    {
        int end = Array.IndexOf(value, (byte)0);
        return Encoding.UTF8.GetString(value, 0, end < 0 ? value.Length : end);
    }

    private static string? Ip(byte family, byte[] value) =>
        family == 2 && value.Length == 4 || family == 10 && value.Length == 16 ? new IPAddress(value).ToString() : null;

    private static string FamilyName(byte family) => family switch { 2 => "inet", 10 => "inet6", _ => "af" + family };
}
