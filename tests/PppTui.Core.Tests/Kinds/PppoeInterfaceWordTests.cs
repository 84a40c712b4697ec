namespace PppTui.Core.Tests.Kinds;

/// <summary>
/// The PPPoE plugin takes any bare word after it that looks like an interface name as the
/// interface, wherever it stands in the file: an extra option holding one would come back as the
/// interface on the next read, so the validator asks for it as the interface instead.
/// </summary>
public class PppoeInterfaceWordTests
{
    private static IReadOnlyList<string> ExtraErrors(params string[] extra)
    {
        var profile = KindRegistry.NewProfile("dsl", ProfileKind.Pppoe);
        profile.Ppp.User = "alice@isp";
        profile.ExtraOptions = [.. extra];
        return ProfileValidator.Validate(profile).Where(e => e.Field == "extra").Select(e => e.Message).ToList();
    }

    [Theory]
    [InlineData("eth1")]
    [InlineData(";R o0")]          // the second word of a line (property test seed fBxqgzGD_4N1)
    [InlineData("+c\u000cd")]      // a form feed is a word break for pppd (seed fZWpdpK6cs21)
    [InlineData("lcp-max-configure 20 nic-eth2")]
    public void A_bare_interface_like_word_among_the_extra_options_is_refused_with_the_fix(string line)
    {
        var errors = ExtraErrors(line);

        var message = Assert.Single(errors);
        Assert.Contains("--interface", message);
    }

    [Theory]
    [InlineData("novj")]
    [InlineData("lcp-max-configure 20")]
    [InlineData("ms-dns 192.0.2.53")]
    [InlineData("connect-delay 5000")]
    public void Known_options_and_their_arguments_are_not_taken_for_an_interface(string line) =>
        Assert.Empty(ExtraErrors(line));
}
