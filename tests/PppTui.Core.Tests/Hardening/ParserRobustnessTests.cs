using static PppTui.Core.Tests.Hardening.HostileGen;

namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// Every reader of outside text (option files, secrets, chat scripts, profile TOML, syslog lines,
/// the diagnosis catalog, import then render) takes mutated real files and random bytes without
/// an exception or a hang, and reads pathological input in linear time.
/// </summary>
[Collection(MeasuredAlone.Name)]
public class ParserRobustnessTests(ITestOutputHelper output)
{
    private static readonly SandboxRoot Root = new();

    /// <summary>Files written here so the test has material when the shared corpus is absent.</summary>
    private static readonly (string Kind, string Text)[] Fixtures =
    [
        ("peers", SeedFiles.Peers),
        ("peers", "# PPPoE\nplugin rp-pppoe.so eth0\nuser \"bob@isp\"\nnoipdefault\npersist\nmaxfail 0\nmtu 1492\n"),
        ("peers", "/dev/ttyUSB2\n115200\nconnect \"/usr/sbin/chat -v -f /etc/chatscripts/lte\"\nnoauth\ndefaultroute\r\nusepeerdns\r\n"),
        ("peers", "pty 'ssh -t host pppd notty' # tunnel\nname \"DOMAIN\\\\user\"\nipparam x\\ y\nasyncmap 0x0\n10.0.0.1:10.0.0.2\nlinkname \"\""),
        ("options", SeedFiles.Options),
        ("options", SeedFiles.OptionsPptp),
        ("secrets", SeedFiles.ChapSecrets),
        ("secrets", "# client server secret addresses\r\n\"a b\"\t*\t'p w'\t10.0.0.1 -- mtu 1400\r\n* * \"\" *\n@/etc/x\n"),
        ("chat", "ABORT BUSY\nABORT 'NO CARRIER'\nTIMEOUT 30\n'' AT\nOK ATZ\nOK 'AT+CGDCONT=1,\"IP\",\"internet\"'\nOK ATD*99#\nCONNECT ''\n"),
        ("chat", "#!/bin/sh\nexec chat -v '' ATZ OK ATDT5551234 CONNECT ''\r\n"),
        ("toml", "name = \"vpn\"\nkind = \"pptp\"\n[ppp]\nuser = \"alice\"\nmtu = 1416\nrefuse = [\"pap\", \"eap\"]\n[pptp]\nserver = \"192.0.2.1\"\n[options]\nextra = [\n  \"lock\",\n]\n"),
        ("log", "Nov 24 14:12:01 host pppd[1234]: Connect: ppp0 <--> /dev/pts/1\n2026-11-24T14:12:01.123456+00:00 host pptp[99]: anon warn[open_inetsock:pptp_callmgr.c:144]: connect: Connection refused\n" +
                "Nov  4 01:02:03 host pppd[1]: MS-CHAP authentication failed: E=691 Authentication failure\nLCP: timeout sending Config-Requests\n"),
    ];

    private static IEnumerable<(string Kind, byte[] Bytes)> Seeds()
    {
        foreach (var (kind, text) in Fixtures) yield return (kind, Encoding.UTF8.GetBytes(text));
        foreach (var kind in new[] { "peers", "options", "secrets", "chat" })
            foreach (var file in Corpus.Files(kind))
                yield return (kind, File.ReadAllBytes(file));
    }

    private static readonly byte[][] Specials =
    [
        "\""u8.ToArray(), "'"u8.ToArray(), "\\"u8.ToArray(), "#"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), [0], [0xFF],
        [0xC3], [0xE2, 0x82], "\\\n"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), "="u8.ToArray(), "{"u8.ToArray(), "\t"u8.ToArray(),
        "\u001b[2J"u8.ToArray(), "@/"u8.ToArray(), "*"u8.ToArray(), "--"u8.ToArray(), "\\x"u8.ToArray(), "\\777"u8.ToArray(), "'' "u8.ToArray(),
    ];

    /// <summary>One random change: flip, insert, delete, duplicate, truncate, splice or repeat.</summary>
    private static byte[] Mutate(byte[] input, byte[] other, Random random)
    {
        var data = new List<byte>(input);
        var at = data.Count == 0 ? 0 : random.Next(data.Count);
        switch (random.Next(8))
        {
            case 0:
                if (data.Count > 0) data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                data.InsertRange(at, Specials[random.Next(Specials.Length)]);
                break;
            case 2:
                data.RemoveRange(at, Math.Min(random.Next(1, 40), data.Count - at));
                break;
            case 3:
                var length = Math.Min(random.Next(1, 200), data.Count - at);
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                break;
            case 4:
                data.RemoveRange(at, data.Count - at);
                break;
            case 5:
                var from = other.Length == 0 ? 0 : random.Next(other.Length);
                data.InsertRange(at, other.Skip(from).Take(random.Next(1, 300)));
                break;
            case 6:
                var piece = Specials[random.Next(Specials.Length)];
                for (var i = random.Next(2, 200); i > 0; i--) data.InsertRange(at, piece);
                break;
            default:
                data.Insert(at, (byte)random.Next(256));
                break;
        }
        return [.. data];
    }

    [Fact]
    public async Task Mutated_real_files_never_make_a_reader_throw_or_hang()
    {
        var seeds = Seeds().ToList();
        var perSeed = Long ? 2000 : 150;
        var random = new Random(20261124);
        var runs = 0;
        var slowest = TimeSpan.Zero;
        var work = Task.Run(() =>
        {
            foreach (var (kind, bytes) in seeds)
            {
                var current = bytes;
                for (var i = 0; i < perSeed; i++)
                {
                    // Mutations pile up, then start again from the real file.
                    current = i % 10 == 0 ? bytes : current;
                    current = Mutate(current, seeds[random.Next(seeds.Count)].Bytes, random);
                    var watch = Stopwatch.StartNew();
                    ReadEveryWay(current, kind);
                    if (watch.Elapsed > slowest) slowest = watch.Elapsed;
                    runs++;
                }
            }
        });
        var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromMinutes(Long ? 20 : 2)));
        Assert.True(finished == work, $"the readers hung (after {runs} inputs)");
        await work;
        output.WriteLine($"{seeds.Count} seed files ({seeds.Count - Fixtures.Length} from the corpus), {runs} mutated inputs, slowest {slowest.TotalMilliseconds:0} ms");
        Assert.True(runs >= seeds.Count * perSeed);
    }

    [Fact]
    public void Random_bytes_never_make_a_reader_throw()
    {
        var bytes = Gen.Frequency((8, Gen.Byte.Array[0, 300]), (1, Gen.Byte.Array[300, 2000]),
            (4, Gen.OneOfConst(Specials).Array[0, 100].Select(a => a.SelectMany(b => b).ToArray())));
        bytes.Sample(input => ReadEveryWay(input, "random"), iter: Iterations);
    }

    /// <summary>Runs the bytes through every reader, as ppptui meets such text.</summary>
    private static void ReadEveryWay(byte[] bytes, string kind)
    {
        var text = PppFileText.Decode(bytes);

        var options = OptionFile.Parse(text);
        _ = (options.Entries.Count, options.Problems.Count, options.Words.Count, options.LineEnding);
        Tolerate<InvalidOperationException>(() => options.Set("mtu", "1400"));
        Tolerate<InvalidOperationException>(() => options.Set("name", "a b\"c"));
        Tolerate<InvalidOperationException>(() => options.Remove("noauth"));
        Tolerate<InvalidOperationException>(() => options.Add("lock"));

        var secrets = SecretsFile.Parse(text);
        _ = (secrets.Records.Count, secrets.Problems.Count, secrets.MaskedText(), secrets.BestMatch("alice", "*"), secrets.BestMatch(null, null));
        // The secret must not show in the printed record, unless the record printed without any
        // secret holds the same text anyway (a client name or the field labels around it).
        foreach (var record in secrets.Records.Where(r => r.Secret.Length > 3 && !(r with { Secret = "" }).ToString().Contains(r.Secret)))
            Assert.DoesNotContain(record.Secret, record.ToString());
        Tolerate<InvalidOperationException>(() => secrets.Set("alice", "vpn", "pw \"x\""));
        Tolerate<InvalidOperationException>(() => secrets.Remove("alice", "vpn"));

        var chat = ChatScript.Parse(text);
        _ = (chat.Tokens.Count, chat.Pairs.Count, chat.AbortStrings.Count, chat.Timeouts.Count, chat.Problems.Count);

        ProfileToml.Parse(text, "fuzz.toml", out _);

        var parser = new SyslogLineParser("fuzz");
        var bare = new SyslogLineParser("fuzz", LogLineFormat.Bare);
        var messages = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var parsed = parser.Parse(line);
            bare.Parse(line);
            Assert.True(parsed.Text.Length <= LogText.MaxLineLength + 64, "a log line was not cut");
            DiagnosisCatalog.MatchLine(line);
            messages.Add(parsed.Message);
        }
        LogText.Clean(bytes);
        DiagnosisCatalog.Explain(messages, 19);

        if (kind is "peers" or "options" or "random")
        {
            // Import then render of an unchanged file changes zero bytes. A file pppd itself
            // stumbles over (a NUL, a quote left open, a word cut at 1023 bytes, a missing
            // argument) may be refused for editing, with the reason, but never throws otherwise.
            var profile = new PeersImporter(Root.Paths).FromText("fuzz", text).Profile;
            var peers = Root.Paths.PeerFile("fuzz");
            var plan = ChangePlanOrNull(profile, peers, text, refusalAllowed: options.Problems.Count > 0);
            if (plan is not null && options.Problems.Count == 0 && text != plan.Files[0].NewText)
                throw new Xunit.Sdk.XunitException("import then render changed the file " +
                    System.Text.Json.JsonSerializer.Serialize(text) + ":\n" + plan.Files[0].Diff());
        }
    }

    private static Core.Apply.ChangePlan? ChangePlanOrNull(Profile profile, string peers, string text, bool refusalAllowed)
    {
        try
        {
            return new ProfileRenderer(Root.Paths).Plan(profile, null, path => path == peers ? text : null);
        }
        catch (InvalidOperationException ex) when (refusalAllowed)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            return null;
        }
    }

    /// <summary>Edits may refuse a file they cannot change safely, with a message; nothing else.</summary>
    private static void Tolerate<T>(Action edit) where T : Exception
    {
        try
        {
            edit();
        }
        catch (T ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    // ----- linear time -----

    /// <summary>Pathological inputs per reader: the first two always, all of them with PPPTUI_LONG_TESTS=1.</summary>
    private static readonly (string Reader, Func<string, object> Read, string[] Pieces)[] Readers =
    [
        ("OptionFile.Parse", t => OptionFile.Parse(t).Entries, ["\\101", "ab ", "\"", "a", "'", "\\", "#", "\n", "\\\n", "\r\n"]),
        ("SecretsFile.Parse+MaskedText", t => SecretsFile.Parse(t).MaskedText(), ["ab ", "#x\n", "a b c\n", "\"", "'", "\\", "a", "\n", "\\\n"]),
        ("ChatScript.Parse", t => ChatScript.Parse(t).Pairs, ["'", "ab ", "\r\n", "\\\n", "\"", "\\", "a", "#", "\n"]),
        ("ProfileToml.Parse", t => ProfileToml.Parse(t, "x.toml", out _)!, ["[a", "\"", "\n", "\u0001\u0085"]),
        ("SyslogLineParser", ParseLines, ["Nov 24 14:12:01 h pppd[1]: x\n", "a", "a b c\n", "\r\n", "\n", "\u0001\u0085"]),
        ("DiagnosisCatalog.MatchLine", t => DiagnosisCatalog.MatchLine(t)!, ["Device x is locked by pid 1 option set in ", "unrecognized option '", "a", "ab "]),
        ("LogText.Clean", t => LogText.Clean(t.AsSpan()), ["\u0001\u0085", "a"]),
    ];

    private static object ParseLines(string text)
    {
        var parser = new SyslogLineParser("x");
        var lines = new List<LogLine>();
        foreach (var line in text.AsSpan().EnumerateLines()) lines.Add(parser.Parse(line));
        return lines;
    }

    public static TheoryData<string> ReaderNames() => [.. Readers.Select(r => r.Reader)];

    /// <summary>
    /// 8 MiB of each pathological input takes less than 20 times what 1 MiB takes. The 1 MiB
    /// time is an eighth of eight runs whose results are all kept, so both sides work with a heap
    /// of the same size and the garbage collector's growing cost is not taken for the reader's;
    /// times are the thread's own CPU time, so other processes on the machine do not count.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void A_reader_takes_8_MiB_of_pathological_text_in_under_20_times_its_1_MiB_time(string readerName)
    {
        var (_, read, pieces) = Readers.Single(r => r.Reader == readerName);
        foreach (var piece in Long ? pieces : pieces.Take(2))
        {
            var small = Repeat(piece, 1 << 20);
            var large = Repeat(piece, 8 << 20);
            read(small); // warm up
            var kept = new List<object>();
            // The best of three rounds on each side: a round slowed by something else (a collection
            // of another test's garbage, a cold cache) says nothing about the reader.
            var smallTime = BestOfThree(() => { for (var i = 0; i < 8; i++) kept.Add(read(small)); }, kept) / 8;
            var largeTime = BestOfThree(() => kept.Add(read(large)), kept);
            var name = piece.Replace("\n", "\\n").Replace("\r", "\\r");
            output.WriteLine($"{readerName} [{name}]x: 1 MiB {smallTime.TotalMilliseconds:0.0} ms, 8 MiB {largeTime.TotalMilliseconds:0.0} ms");
            // A floor of 5 ms keeps timer resolution and cache size (1 MiB of text stays in the CPU's
            // cache, 8 MiB does not) from deciding for near-instant runs.
            var limit = TimeSpan.FromTicks(Math.Max(smallTime.Ticks, TimeSpan.FromMilliseconds(5).Ticks) * 20);
            Assert.True(largeTime < limit,
                $"{readerName} on [{name}]: 8 MiB took {largeTime.TotalMilliseconds:0} ms, 1 MiB {smallTime.TotalMilliseconds:0} ms: not linear");
        }
    }

    private static string Repeat(string piece, int length)
    {
        var builder = new StringBuilder(length + piece.Length);
        while (builder.Length < length) builder.Append(piece);
        return builder.ToString(0, length);
    }

    private static TimeSpan BestOfThree(Action action, List<object> kept)
    {
        var best = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var time = CpuTimeOf(action);
            kept.Clear();
            if (time < best) best = time;
        }
        return best;
    }

    private static TimeSpan CpuTimeOf(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ThreadCpu.Now();
        action();
        return ThreadCpu.Now() - before;
    }
}
