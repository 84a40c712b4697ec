namespace PppTui.Core.Tests.PppConfig;

public class PppQuotingTests
{
    [Theory]
    [InlineData("1400")]
    [InlineData("/dev/ttyUSB0")]
    [InlineData("user@isp.example")]
    [InlineData("10.0.0.1:10.0.0.2")]
    [InlineData("пароль")]
    [InlineData("密码")]
    [InlineData("*")]
    public void Safe_values_are_written_bare(string value)
    {
        Assert.Equal(value, PppQuoting.Quote(value));
    }

    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("pptp host --nolaunchpppd", "\"pptp host --nolaunchpppd\"")]
    [InlineData("DOMAIN\\user", "\"DOMAIN\\\\user\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("a#b", "\"a#b\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("two\nlines\r", "\"two\\nlines\\r\"")]
    [InlineData("bell\a\u0001a", "\"bell\\a\\x01a\"")]
    [InlineData("del\u007f", "\"del\\x7f\"")]
    public void Unsafe_values_are_double_quoted_with_escapes(string value, string encoded)
    {
        Assert.Equal(encoded, PppQuoting.Quote(value));
        Assert.Equal(value, PppWordReader.ReadWords(encoded + "\n").Single().Value);
    }

    [Fact]
    public void A_nul_character_is_rejected_with_a_reason()
    {
        Assert.False(PppQuoting.TryQuote("a\0b", out _, out var problem));
        Assert.Contains("NUL", problem);
    }

    [Fact]
    public void An_unpaired_surrogate_is_rejected()
    {
        Assert.False(PppQuoting.TryQuote("a\ud800b", out _, out var problem));
        Assert.Contains("surrogate", problem);
    }

    [Fact]
    public void Values_up_to_1023_utf8_bytes_are_accepted_and_longer_ones_rejected()
    {
        Assert.True(PppQuoting.TryQuote(new string('a', 1023), out _, out _));
        Assert.True(PppQuoting.TryQuote(new string('я', 511) + "a", out _, out _));
        Assert.False(PppQuoting.TryQuote(new string('я', 512), out _, out var problem));
        Assert.Contains("1024 bytes", problem);
    }

    [Fact]
    public void Quote_throws_an_argument_exception_that_does_not_repeat_the_value()
    {
        var error = Assert.Throws<ArgumentException>(() => PppQuoting.Quote("hunter2\0"));
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
