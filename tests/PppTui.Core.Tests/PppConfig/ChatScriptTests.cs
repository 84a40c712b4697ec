namespace PppTui.Core.Tests.PppConfig;

public class ChatScriptTests
{
    private const string Gprs =
        "# GPRS chat\n" +
        "ABORT BUSY ABORT 'NO CARRIER'\n" +
        "ABORT\t\t\"+CGATT: 0\"\n" +
        "TIMEOUT 12\n" +
        "SAY \"Dialling\\n\"\n" +
        "''\t\tAT\n" +
        "OK-AT-OK\tATE1\n" +
        "OK AT+CGDCONT=1,\"IP\",\"internet\"\n" +
        "OK AT#GAUTH=0\n" +
        "OK ATD*99#\n" +
        "TIMEOUT 60\n" +
        "CONNECT \\d\\c\n";

    [Fact]
    public void Tokens_alternate_expect_and_send_with_keywords_taking_the_next_token()
    {
        var script = ChatScript.Parse(Gprs);
        Assert.Equal(
            [("", "AT"), ("OK-AT-OK", "ATE1"), ("OK", "AT+CGDCONT=1,\"IP\",\"internet\""), ("OK", "AT#GAUTH=0"),
             ("OK", "ATD*99#"), ("CONNECT", "\\d\\c")],
            script.Pairs);
        Assert.Equal(["BUSY", "NO CARRIER", "+CGATT: 0"], script.AbortStrings);
        Assert.Equal(12, script.Timeout);
        Assert.Equal([12, 60], script.Timeouts);
        Assert.Empty(script.Problems);
        Assert.False(script.IsShellScript);
    }

    [Fact]
    public void Token_spans_cover_quotes_and_lines_count_from_one()
    {
        var script = ChatScript.Parse(Gprs);
        var noCarrier = script.Tokens.Single(t => t.Value == "NO CARRIER");
        Assert.Equal("'NO CARRIER'", Gprs[noCarrier.Start..noCarrier.End]);
        Assert.Equal(2, noCarrier.Line);
        Assert.Equal(ChatTokenKind.KeywordArgument, noCarrier.Kind);
        Assert.Equal("ABORT", noCarrier.Keyword);
        Assert.Equal('\'', noCarrier.Quote);
    }

    [Fact]
    public void Only_a_hash_in_the_first_column_starts_a_comment()
    {
        var script = ChatScript.Parse("# comment\n  # not a comment\n'' ATD*99#\n");
        Assert.Equal(["#", "not", "a", "comment", "", "ATD*99#"], script.Tokens.Select(t => t.Value));
    }

    [Fact]
    public void A_closing_quote_ends_the_token_even_without_white_space()
    {
        var script = ChatScript.Parse("'a'b \"c\"'d'\n");
        Assert.Equal(["a", "b", "c", "d"], script.Tokens.Select(t => t.Value));
    }

    [Fact]
    public void A_backslash_protects_the_next_character_inside_quotes_and_escapes_stay_as_written()
    {
        var script = ChatScript.Parse("'it\\'s' \"say \\\"x\\\"\" OK AT+CGDCONT=1,\\\"IP\\\" ^C\\r\n");
        Assert.Equal(["it\\'s", "say \\\"x\\\"", "OK", "AT+CGDCONT=1,\\\"IP\\\"", "^C\\r"], script.Tokens.Select(t => t.Value));
    }

    [Fact]
    public void An_unterminated_quote_is_reported()
    {
        var script = ChatScript.Parse("ABORT 'BUSY\nOK ATZ\n");
        var problem = Assert.Single(script.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("unterminated quote", problem.Message);
        Assert.Equal(["ABORT", "BUSY", "OK", "ATZ"], script.Tokens.Select(t => t.Value));
    }

    [Fact]
    public void In_a_crlf_script_the_carriage_return_sticks_to_the_tokens_as_chat_reads_it()
    {
        var script = ChatScript.Parse("ABORT \"BUSY\"\r\nTIMEOUT 30\r\n\"\" AT\r\n");
        Assert.Equal(["ABORT", "BUSY", "\r", "TIMEOUT", "30\r", "", "AT\r"], script.Tokens.Select(t => t.Value));
        Assert.Contains(script.Problems, p => p.Message.Contains("CRLF"));
    }

    [Fact]
    public void A_timeout_follows_atoi_and_falls_back_to_the_default()
    {
        Assert.Equal(30, ChatScript.Parse("TIMEOUT 30s\n").Timeout);
        Assert.Equal(ChatScript.DefaultTimeout, ChatScript.Parse("TIMEOUT 0\n").Timeout);
        Assert.Equal(ChatScript.DefaultTimeout, ChatScript.Parse("TIMEOUT abc\n").Timeout);
        Assert.Null(ChatScript.Parse("'' AT\n").Timeout);
    }

    [Fact]
    public void A_keyword_in_a_send_position_is_sent_literally()
    {
        var script = ChatScript.Parse("OK ABORT\n");
        Assert.Equal([("OK", "ABORT")], script.Pairs);
    }

    [Fact]
    public void An_expect_at_the_end_pairs_with_an_empty_send()
    {
        Assert.Equal([("", "AT"), ("CONNECT", "")], ChatScript.Parse("'' AT\nCONNECT").Pairs);
    }

    [Fact]
    public void FindSend_looks_at_send_strings_and_FindSendAfter_at_expects()
    {
        var script = ChatScript.Parse(Gprs);
        Assert.Equal("AT+CGDCONT=1,\"IP\",\"internet\"", script.FindSend(s => s.StartsWith("AT+CGDCONT"))!.Value);
        Assert.Equal("ATE1", script.FindSendAfter(e => e.StartsWith("OK"))!.Value);
        Assert.Null(script.FindSend(s => s == "BUSY"));
    }

    [Fact]
    public void Replacing_a_token_changes_only_its_characters()
    {
        var script = ChatScript.Parse(Gprs);
        var apn = script.FindSend(s => s.StartsWith("AT+CGDCONT"))!;
        script.ReplaceToken(apn, "AT+CGDCONT=1,\"IP\",\"my.apn\"");
        Assert.Equal(Gprs.Replace("\"internet\"", "\"my.apn\""), script.Text);
    }

    [Fact]
    public void A_replacement_is_quoted_when_it_needs_to_be_and_keeps_the_original_quote()
    {
        var script = ChatScript.Parse(Gprs);
        script.ReplaceToken(script.Tokens.Single(t => t.Value == "NO CARRIER"), "NO DIALTONE");
        script.ReplaceToken(script.Tokens.Single(t => t.Value == "ATE1"), "ATQ0 V1 E1");
        script.ReplaceToken(script.Tokens.Single(t => t.Value == "+CGATT: 0"), "ERROR");
        Assert.Contains("ABORT BUSY ABORT 'NO DIALTONE'\n", script.Text);
        Assert.Contains("OK-AT-OK\t'ATQ0 V1 E1'\n", script.Text);
        Assert.Contains("ABORT\t\tERROR\n", script.Text);
        Assert.Equal(["BUSY", "NO DIALTONE", "ERROR"], script.AbortStrings);
    }

    [Fact]
    public void Replacing_with_the_same_value_changes_nothing()
    {
        var script = ChatScript.Parse(Gprs);
        foreach (var token in script.Tokens.ToList()) script.ReplaceToken(script.Tokens[token.Index], token.Value);
        Assert.Equal(Gprs, script.Text);
    }

    [Fact]
    public void A_token_glued_to_the_next_one_stays_quoted()
    {
        var script = ChatScript.Parse("'a'b\n");
        script.ReplaceToken(script.Tokens[0], "x");
        Assert.Equal("'x'b\n", script.Text);
        Assert.Equal(["x", "b"], script.Tokens.Select(t => t.Value));
    }

    [Fact]
    public void In_a_crlf_script_the_line_ending_stays_when_a_last_token_changes()
    {
        var script = ChatScript.Parse("OK ATZ\r\nOK ATD*99#\r\n");
        script.ReplaceToken(script.Tokens[1], "AT&F");
        Assert.Equal("OK AT&F\r\nOK ATD*99#\r\n", script.Text);
        Assert.Throws<ArgumentException>(() => script.ReplaceToken(script.Tokens[3], "ATD 99"));
    }

    [Fact]
    public void A_stale_token_is_refused()
    {
        var script = ChatScript.Parse("OK ATZ\n");
        var stale = script.Tokens[1];
        script.ReplaceToken(stale, "AT&F");
        Assert.Throws<ArgumentException>(() => script.ReplaceToken(stale, "ATH"));
    }

    [Fact]
    public void A_shell_wrapped_chat_is_recognised()
    {
        var script = ChatScript.Parse("#!/bin/sh\nexec chat -v \\\n  '' AT\n");
        Assert.True(script.IsShellScript);
        Assert.Contains(script.Problems, p => p.Message.Contains("shell script"));
    }

    [Fact]
    public void A_built_script_reads_back_as_built()
    {
        var text = new ChatScriptBuilder()
            .Comment("built")
            .Abort("BUSY").Abort("NO CARRIER").Report("CONNECT").Timeout(30).Echo(true)
            .Say("Dialling\\n")
            .Pair("", "AT")
            .Pair("OK", "AT+CGDCONT=1,\"IP\",\"internet\"")
            .Pair("OK", "ATD*99#")
            .BlankLine()
            .Pair("CONNECT", "\\d\\c")
            .Build();
        var script = ChatScript.Parse(text);
        Assert.Equal(
            [("", "AT"), ("OK", "AT+CGDCONT=1,\"IP\",\"internet\""), ("OK", "ATD*99#"), ("CONNECT", "\\d\\c")],
            script.Pairs);
        Assert.Equal(["BUSY", "NO CARRIER"], script.AbortStrings);
        Assert.Equal(["CONNECT"], script.ReportStrings);
        Assert.Equal(30, script.Timeout);
        Assert.Empty(script.Problems);
        Assert.StartsWith("# built\nABORT BUSY\nABORT 'NO CARRIER'\n", text);
    }

    [Fact]
    public void The_builder_refuses_keywords_as_expects_and_line_breaks()
    {
        var builder = new ChatScriptBuilder();
        Assert.Throws<ArgumentException>(() => builder.Pair("ABORT", "x"));
        Assert.Throws<ArgumentException>(() => builder.Pair("OK", "AT\r"));
        Assert.Throws<ArgumentException>(() => builder.Comment("two\nlines"));
    }
}
