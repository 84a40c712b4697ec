using System.Reflection;

namespace PppTui.Tests.Architecture;

/// <summary>
/// The link model exists once, in the core: the screen maps its states to words and colours and
/// keeps only rows of its own, named so they do not shadow the core's types.
/// </summary>
public class OneLinkModelTests
{
    private static readonly Assembly Core = typeof(SystemPaths).Assembly;
    private static readonly Assembly Screen = typeof(PppTui.Program).Assembly;

    [Theory]
    [InlineData("pid-to-link map", "LinkTracker|Pid.*(Map|Link)|Link.*Pids", "LinkTracker")]
    [InlineData("link state, phase or status", "^Link(State|Phase|Status)$", "LinkPhase", "LinkState", "LinkStatus")]
    [InlineData("resolver model", "^Dns(State|Stack|Manager|Setup)$|^Resolver", "DnsManager", "DnsState")]
    public void There_is_one_of_each_link_piece_and_it_is_in_the_core(string piece, string namePattern, params string[] expected)
    {
        var found = OneLogModelTests.ShippedTypes().Where(t => Regex.IsMatch(t.Name, namePattern)).ToList();

        Assert.True(expected.Order().SequenceEqual(found.Select(t => t.Name).Order()),
            $"Expected one {piece} ({string.Join(", ", expected)}), found: {string.Join(", ", found.Select(t => t.FullName))}");
        Assert.All(found, t => Assert.StartsWith("PppTui.Core.", t.FullName));
    }

    [Fact]
    public void No_type_of_the_screen_or_the_cli_has_the_name_of_a_core_type()
    {
        // With both namespaces in scope a same-named type needs an alias in every file that uses
        // it, and a reader cannot tell which of the two a file means.
        static HashSet<string> Names(Assembly assembly) => assembly.GetTypes()
            .Where(t => !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal) && t.Namespace?.StartsWith("PppTui", StringComparison.Ordinal) == true)
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var both = Names(Core).Intersect(Names(Screen)).Order(StringComparer.Ordinal).ToList();

        Assert.True(both.Count == 0, "In both the core and the screen/CLI: " + string.Join(", ", both));
    }
}
