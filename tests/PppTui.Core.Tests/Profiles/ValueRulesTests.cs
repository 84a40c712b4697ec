namespace PppTui.Core.Tests.Profiles;

public class ValueRulesTests
{
    public static TheoryData<string, string> GoodValues() => new()
    {
        { "name", "myvpn" },
        { "host", "vpn.example.com" },
        { "interface", "eth0" },
        { "apn", "internet" },
        { "number", "*99#" },
        { "pin", "1234" },
        { "device", "/dev/ttyUSB2" },
        { "path", "/etc/chatscripts/modem" },
        { "argument", "--loglevel" },
    };

    private static string? Check(string rule, string value) => rule switch
    {
        "name" => ValueRules.CheckProfileName(value),
        "host" => ValueRules.CheckHost(value),
        "interface" => ValueRules.CheckInterface(value),
        "apn" => ValueRules.CheckApn(value),
        "number" => ValueRules.CheckDialNumber(value),
        "pin" => ValueRules.CheckPin(value),
        "device" => ValueRules.CheckDevice(value),
        "path" => ValueRules.CheckSafePath(value),
        "argument" => ValueRules.CheckShellSafeArgument(value),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void A_good_value_passes_and_the_same_value_with_a_final_line_break_is_refused(string rule, string value)
    {
        Assert.Null(Check(rule, value));
        Assert.NotNull(Check(rule, value + "\n"));
        Assert.NotNull(Check(rule, value + "\r\n"));
    }

    [Fact]
    public void An_option_line_ending_in_a_backslash_is_refused_as_pppd_would_join_it_to_the_next_line()
    {
        // Found by the round-trip property test (seed 9gqMMeudngd2): "a\\" swallowed the line after it.
        Assert.NotNull(ValueRules.CheckOptionLine("a\\"));
        Assert.Null(ValueRules.CheckOptionLine("a\\\\"));
        Assert.Null(ValueRules.CheckOptionLine("asyncmap 0"));
    }
}
