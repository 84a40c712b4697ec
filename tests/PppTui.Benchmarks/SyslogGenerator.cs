namespace PppTui.Benchmarks;

/// <summary>
/// Writes a syslog as Debian 12's rsyslog does (ISO 8601 timestamps), with the usual daemon
/// chatter and realistic pppd / pptp / chat sessions mixed in (about 3% of lines): starts,
/// LCP negotiation, MS-CHAP failures, LCP timeouts (GRE blocked), echo failures, hangups.
/// Deterministic for a given size, so runs compare.
/// </summary>
public static class SyslogGenerator
{
    private static readonly string[] Noise =
    [
        "CRON[{0}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
        "systemd[1]: Started session-{0}.scope - Session {0} of User admin.",
        "systemd[1]: Starting apt-daily.service - Daily apt download activities...",
        "sshd[{0}]: Accepted publickey for admin from 192.0.2.{1} port {2} ssh2: ED25519 SHA256:7q0Hk3bYgN0b2mXh1fZ4rVdQe6pK9sLw",
        "sshd[{0}]: pam_unix(sshd:session): session opened for user admin(uid=1000) by (uid=0)",
        "kernel: [{2}.{1:000}] IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=198.51.100.{1} DST=203.0.113.5 LEN=60 TOS=0x00 PROTO=TCP SPT={2} DPT=22",
        "dhclient[{0}]: DHCPREQUEST for 10.0.2.15 on eth0 to 10.0.2.2 port 67",
        "postfix/qmgr[{0}]: 4B2C1{1:X} : from=<root@gw.example.net>, size={2}, nrcpt=1 (queue active)",
        "rsyslogd[{0}]: [origin software=\"rsyslogd\" swVersion=\"8.2302.0\"] rsyslogd was HUPed",
        "systemd-logind[{0}]: New session {1} of user admin.",
        "chronyd[{0}]: Selected source 192.0.2.{1} (2.debian.pool.ntp.org)",
        "NetworkManager[{0}]: <info>  [1700000000.{2}] device (eth0): state change: activated -> activated",
    ];

    private static readonly string[][] Sessions =
    [
        [
            "pppd[{P}]: pppd 2.4.9 started by root, uid 0",
            "pptp[{Q}]: anon log[main:pptp.c:353]: The synchronous pptp option is NOT activated",
            "pptp[{Q}]: anon log[ctrlp_rep:pptp_ctrl.c:259]: Sent control packet type is 1 'Start-Control-Connection-Request'",
            "pppd[{P}]: Using interface ppp0",
            "pppd[{P}]: Connect: ppp0 <--> /dev/pts/1",
            "pptp[{Q}]: anon log[ctrlp_disp:pptp_ctrl.c:858]: Outgoing call established (call ID 0, peer's call ID 1024).",
            "pppd[{P}]: sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5b1e2f3a> <pcomp> <accomp>]",
            "pppd[{P}]: rcvd [LCP ConfReq id=0x1 <mru 1400> <auth chap MS-v2> <magic 0x7c2a1b4d>]",
            "pppd[{P}]: sent [LCP ConfAck id=0x1 <mru 1400> <auth chap MS-v2> <magic 0x7c2a1b4d>]",
            "pppd[{P}]: MS-CHAP authentication failed: E=691 Authentication failure",
            "pppd[{P}]: CHAP authentication failed",
            "pppd[{P}]: Connection terminated.",
            "pppd[{P}]: Modem hangup",
            "pppd[{P}]: Exit.",
        ],
        [
            "pppd[{P}]: pppd 2.4.9 started by root, uid 0",
            "pppd[{P}]: Using interface ppp0",
            "pppd[{P}]: Connect: ppp0 <--> /dev/pts/2",
            "pptp[{Q}]: anon log[ctrlp_disp:pptp_ctrl.c:858]: Outgoing call established (call ID 0, peer's call ID 2048).",
            "pppd[{P}]: LCP: timeout sending Config-Requests",
            "pppd[{P}]: Connection terminated.",
            "pppd[{P}]: Modem hangup",
        ],
        [
            "pppd[{P}]: pppd 2.4.9 started by root, uid 0",
            "chat[{Q}]: abort on (BUSY)",
            "chat[{Q}]: send (ATDT*99#^M)",
            "chat[{Q}]: expect (CONNECT)",
            "chat[{Q}]: CONNECT 150000000",
            "pppd[{P}]: Serial connection established.",
            "pppd[{P}]: Using interface ppp1",
            "pppd[{P}]: Connect: ppp1 <--> /dev/ttyUSB2",
            "pppd[{P}]: CHAP authentication succeeded",
            "pppd[{P}]: local  IP address 100.64.{A}.{B}",
            "pppd[{P}]: remote IP address 10.64.64.64",
            "pppd[{P}]: primary   DNS address 10.11.12.13",
            "pppd[{P}]: not replacing default route to eth0 [10.0.2.2]",
        ],
        [
            "pppd[{P}]: sent [LCP EchoReq id=0x{A:x} magic=0x5b1e2f3a]",
            "pppd[{P}]: rcvd [LCP EchoRep id=0x{A:x} magic=0x7c2a1b4d]",
        ],
        [
            "pppd[{P}]: No response to 4 echo-requests",
            "pppd[{P}]: Serial link appears to be disconnected.",
            "pppd[{P}]: Connect time 84.2 minutes.",
            "pppd[{P}]: Sent 1234567 bytes, received 7654321 bytes.",
            "pppd[{P}]: Connection terminated.",
        ],
    ];

    /// <summary>Writes about <paramref name="bytes"/> bytes of syslog to <paramref name="path"/>.</summary>
    public static long Generate(string path, long bytes)
    {
        var random = new Random(42);
        var time = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var sb = new StringBuilder(256);
        long written = 0;
        long lines = 0;
        var queue = new Queue<string>();
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        while (written < bytes)
        {
            time = time.AddTicks(random.Next(1, 2_000_000));
            string body;
            if (queue.Count > 0 && random.Next(3) == 0) body = queue.Dequeue();
            else if (queue.Count == 0 && random.Next(180) == 0)
            {
                var session = Sessions[random.Next(Sessions.Length)];
                var p = random.Next(1000, 60000).ToString(CultureInfo.InvariantCulture);
                var q = random.Next(1000, 60000).ToString(CultureInfo.InvariantCulture);
                var a = random.Next(0, 255);
                var b = random.Next(1, 254);
                foreach (var template in session)
                    queue.Enqueue(template.Replace("{P}", p).Replace("{Q}", q)
                        .Replace("{A:x}", a.ToString("x", CultureInfo.InvariantCulture))
                        .Replace("{A}", a.ToString(CultureInfo.InvariantCulture)).Replace("{B}", b.ToString(CultureInfo.InvariantCulture)));
                continue;
            }
            else
            {
                var template = Noise[random.Next(Noise.Length)];
                body = string.Format(CultureInfo.InvariantCulture, template, random.Next(300, 65000), random.Next(1, 254), random.Next(1000, 65000));
            }
            sb.Clear();
            sb.Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture)).Append(" gw ").Append(body).Append('\n');
            writer.Write(sb);
            written += sb.Length;
            lines++;
        }
        return lines;
    }

    /// <summary>Parses sizes like 1G, 64M, 500K or a plain byte count.</summary>
    public static long ParseSize(string text)
    {
        text = text.Trim().ToUpperInvariant().TrimEnd('B', 'I');
        long unit = 1;
        if (text.EndsWith('G')) unit = 1L << 30;
        else if (text.EndsWith('M')) unit = 1L << 20;
        else if (text.EndsWith('K')) unit = 1L << 10;
        if (unit != 1) text = text[..^1];
        return (long)(double.Parse(text, CultureInfo.InvariantCulture) * unit);
    }
}
