namespace PppTui.Core.Tests.PppConfig;

public class ChatQuotingTests
{
    [Theory]
    [InlineData("AT", "AT")]
    [InlineData("AT+CGDCONT=1,\"IP\",\"internet\"", "AT+CGDCONT=1,\"IP\",\"internet\"")]
    [InlineData("ATD*99#", "ATD*99#")]
    [InlineData("\\d\\c", "\\d\\c")]
    [InlineData("", "''")]
    [InlineData("NO CARRIER", "'NO CARRIER'")]
    [InlineData("#hash", "'#hash'")]
    [InlineData("'start", "\"'start\"")]
    [InlineData("it's here", "\"it's here\"")]
    [InlineData("both \\' and \"", "'both \\' and \"'")]
    public void Strings_are_bare_when_possible_and_quoted_otherwise(string value, string encoded)
    {
        Assert.Equal(encoded, ChatQuoting.Quote(value));
        Assert.Equal(value, ChatScript.Parse(encoded + "\n").Tokens.Single().Value);
    }

    [Theory]
    [InlineData("a\rb", "line break")]
    [InlineData("a\nb", "line break")]
    [InlineData("a\0b", "NUL")]
    [InlineData("it's \"x\"", "both")]
    [InlineData("ends with \\", "lone backslash")]
    public void Strings_chat_cannot_carry_are_refused_with_the_reason(string value, string reason)
    {
        Assert.False(ChatQuoting.TryQuote(value, out _, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused()
    {
        Assert.False(ChatQuoting.TryQuote("bad" + (char)0xDC00, out _, out var problem));
        Assert.Contains("surrogate", problem);
    }

    [Fact]
    public void A_bare_string_may_end_with_a_backslash()
    {
        Assert.Equal("abc\\", ChatQuoting.Quote("abc\\"));
    }

    [Fact]
    public void Strings_longer_than_a_chat_line_are_refused()
    {
        Assert.True(ChatQuoting.TryQuote(new string('a', 1022), out _, out _));
        Assert.False(ChatQuoting.TryQuote(new string('a', 1023), out _, out var problem));
        Assert.Contains("1023", problem);
    }
}
