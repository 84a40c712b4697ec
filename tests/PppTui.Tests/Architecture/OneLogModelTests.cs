using System.Reflection;

namespace PppTui.Tests.Architecture;

/// <summary>
/// The log model exists once, in the core: the TUI, `ppptui logs` and the dialer use the same
/// buffer, filter, parser and follower. A second one under any of these names fails here.
/// </summary>
public class OneLogModelTests
{
    internal static readonly Assembly[] Shipped = [typeof(PppTui.Core.Files.SystemPaths).Assembly, typeof(PppTui.Program).Assembly];

    // Every type we ship, nested ones included, without what the compiler generates (closures, state machines).
    internal static List<Type> ShippedTypes() =>
        Shipped.SelectMany(a => a.GetTypes()).Where(t => !t.Name.Contains('<', StringComparison.Ordinal)).ToList();

    [Theory]
    [InlineData("ring buffer", "RingBuffer", "RingBuffer`1")]
    [InlineData("log buffer or model", "Log(Buffer|Model)|LogView$", "LogModel")]
    [InlineData("log filter", "LogFilter", "LogFilter")]
    [InlineData("log line", "^LogLine$|^LogLevel$", "LogLine")]
    [InlineData("syslog line parser", "(Syslog|LogLine|Log).*Pars|Pars.*(Syslog|LogLine)", "SyslogLineParser")]
    [InlineData("file follower", "Follower|Tail", "FileFollower")]
    public void There_is_one_of_each_log_piece_and_it_is_in_the_core(string piece, string namePattern, params string[] expected)
    {
        var found = ShippedTypes().Where(t => Regex.IsMatch(t.Name, namePattern)).ToList();

        Assert.True(expected.Order().SequenceEqual(found.Select(t => t.Name).Order()),
            $"Expected one {piece} ({string.Join(", ", expected)}), found: {string.Join(", ", found.Select(t => t.FullName))}");
        Assert.All(found, t => Assert.StartsWith("PppTui.Core.", t.FullName));
    }

    [Fact]
    public void Only_the_syslog_line_parser_turns_log_text_into_lines()
    {
        // A parser hidden in a reader (the dialer once had one, with its own year rule) shows as
        // a Parse method that returns a log line or entry. The journal's JSON export is another
        // format with its own reader.
        var parsers = ShippedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Parse", StringComparison.Ordinal))
            .Where(m => (Nullable.GetUnderlyingType(m.ReturnType) ?? m.ReturnType).Name is var name
                        && (name.EndsWith("LogLine", StringComparison.Ordinal) || name.EndsWith("LogEntry", StringComparison.Ordinal)))
            .Select(m => m.DeclaringType!.Name)
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal(["JournalSource", "SyslogLineParser"], parsers);
    }
}
