namespace PppTui.Core.Tests.PppConfig;

/// <summary>
/// For any string: either the quoting refuses it for a reason the target program really has,
/// or the program's reader gets exactly that string back, alone and in the middle of a line.
/// </summary>
public class RoundTripPropertyTests
{
    private const long Iterations = 10_000;

    private static readonly Gen<string> Fragment = Gen.Frequency(
        (12, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (6, Gen.OneOfConst(" ", "\t", "\n", "\r", "#", "\"", "'", "\\", "\0", "\v", "\f", "\a", "\u007f", "\u0001",
            "*", "--", "@/", "\\x", "\\1", "\r\n")),
        (2, Gen.Char['\u0400', '\u04FF'].Select(c => c.ToString())),
        (2, Gen.Char['\u4E00', '\u9FFF'].Select(c => c.ToString())),
        (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32)),
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())));

    /// <summary>Mostly short strings, sometimes long enough to cross the 1023-byte limits.</summary>
    private static readonly Gen<string> Value = Gen.Frequency(
        (20, Fragment.Array[0, 30].Select(string.Concat)),
        (1, Fragment.Array[300, 700].Select(string.Concat)));

    private static bool HasLoneSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return true;
        }
        return false;
    }

    private static string TextLineEnding(string text) => text.Contains("\r\n") ? "\r\n" : "\n";

    private static int Utf8Bytes(string value) => HasLoneSurrogate(value) ? int.MaxValue : Encoding.UTF8.GetByteCount(value);

    [Fact]
    public void Any_value_pppd_can_carry_reads_back_as_exactly_one_word()
    {
        Value.Sample(value =>
        {
            if (!PppQuoting.TryQuote(value, out var encoded, out var problem))
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
                Assert.True(value.Contains('\0') || HasLoneSurrogate(value) || Utf8Bytes(value) > 1023,
                    $"refused without cause: {problem}");
                return;
            }

            var followed = PppWordReader.ReadWords(encoded + "\n");
            Assert.Equal(value, Assert.Single(followed).Value);
            if (value.Length > 0) Assert.Equal(value, Assert.Single(PppWordReader.ReadWords(encoded)).Value);

            var inLine = PppWordReader.ReadWords("x\t" + encoded + " #c\r\ny");
            Assert.Equal(["x", value, "y"], inLine.Select(w => w.Value));
        }, iter: Iterations);
    }

    [Fact]
    public void Any_option_value_set_in_a_file_is_read_back_and_the_rest_stays()
    {
        var bases = Gen.OneOfConst(
            "noauth\nuser old\nmtu 1400 # c\n",
            "noauth\r\nuser \"old one\"\r\ndebug",
            "# only a comment",
            "",
            "user 'x'\tpersist\n");
        Gen.Select(bases, Value, (text, value) => (text, value)).Sample((text, value) =>
        {
            var file = OptionFile.Parse(text);
            var others = file.Entries.Where(e => e.Name != "user").Select(e => (e.Name, e.Argument)).ToList();
            try
            {
                file.Set("user", value);
            }
            catch (ArgumentException)
            {
                Assert.False(PppQuoting.TryQuote(value, out _, out _));
                Assert.Equal(text, file.Text);
                return;
            }

            var reread = OptionFile.Parse(file.Text);
            Assert.Equal(value, reread.GetArgument("user"));
            Assert.Equal(others, reread.Entries.Where(e => e.Name != "user").Select(e => (e.Name, e.Argument)));

            file.Set("user", value);
            Assert.Equal(reread.Text, file.Text);
        }, iter: Iterations);
    }

    [Fact]
    public void Any_secrets_record_set_then_parsed_back_holds_exactly_what_was_set()
    {
        var bases = Gen.OneOfConst(
            "# client\tserver\tsecret\tIP\nalice\t*\t\"pw\"\t*\n",
            "bob * pw2\r\n\"carol\" vpn 'p w' 10.0.0.1\r\n",
            "dave * x",
            "");
        var name = Gen.Frequency((8, Value), (1, Gen.Const("*")));
        var addresses = Gen.Frequency(
            (3, Gen.Const((string[]?)null)),
            (2, Gen.OneOfConst("*", "-", "10.0.0.7", "!10.0.0.0/8", "a b").Array[0, 3].Select(a => (string[]?)a)));

        Gen.Select(bases, name, name, Value, addresses, (text, client, server, secret, addrs) => (text, client, server, secret, addrs))
            .Sample((text, client, server, secret, addrs) =>
            {
                var file = SecretsFile.Parse(text);
                bool existed = file.Find(client, server) is not null;
                var others = file.Records.Where(r => r.Client != client || r.Server != server)
                    .Select(r => (r.Client, r.Server, r.Secret, string.Join(" ", r.Addresses))).ToList();
                try
                {
                    file.Set(client, server, secret, addrs);
                }
                catch (ArgumentException)
                {
                    Assert.True(
                        !PppQuoting.TryQuote(client, out _, out _) || !PppQuoting.TryQuote(server, out _, out _) ||
                        !PppQuoting.TryQuote(secret, out _, out _) || Utf8Bytes(secret) > 256 ||
                        Utf8Bytes(client) > 255 || Utf8Bytes(server) > 255,
                        "refused a record pppd could read");
                    Assert.Equal(text, file.Text);
                    return;
                }

                var reread = SecretsFile.Parse(file.Text);
                var record = reread.Find(client, server);
                Assert.NotNull(record);
                Assert.Equal(secret, record!.Secret);
                if (addrs is not null) Assert.Equal(addrs, record.Addresses);
                Assert.Equal(others, reread.Records.Where(r => r.Client != client || r.Server != server)
                    .Select(r => (r.Client, r.Server, r.Secret, string.Join(" ", r.Addresses))));

                if (!existed)
                {
                    Assert.True(file.Remove(client, server));
                    // An empty secret ending the file got the line break pppd needs to see it.
                    bool addedLineBreak = secret.Length == 0 && (addrs is null || addrs.Length == 0) &&
                                          text.Length > 0 && !text.EndsWith('\n');
                    Assert.Equal(addedLineBreak ? text + TextLineEnding(text) : text, file.Text);
                }
            }, iter: Iterations);
    }

    [Fact]
    public void Any_string_chat_can_carry_reads_back_as_exactly_one_token()
    {
        Value.Sample(value =>
        {
            if (!ChatQuoting.TryQuote(value, out var encoded, out var problem))
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
                bool cause = value.IndexOfAny(['\0', '\r', '\n']) >= 0 || HasLoneSurrogate(value) ||
                             Utf8Bytes(value) + 2 > ChatQuoting.MaxLineBytes - 1 ||
                             (value.Contains('\'') && value.Contains('"')) || value.EndsWith('\\');
                Assert.True(cause, $"refused without cause: {problem}");
                return;
            }

            Assert.Equal(value, Assert.Single(ChatScript.Parse(encoded + "\n").Tokens).Value);
            var inLine = ChatScript.Parse("OK\t" + encoded + " next\n").Tokens;
            Assert.Equal(["OK", value, "next"], inLine.Select(t => t.Value));
        }, iter: Iterations);
    }

    [Fact]
    public void Any_chat_token_replacement_changes_that_token_only()
    {
        const string text = "ABORT 'NO CARRIER'\nOK AT\n'a'b\nCONNECT ''";
        var index = Gen.Int[0, 7];
        Gen.Select(index, Value, (i, value) => (i, value)).Sample((i, value) =>
        {
            var script = ChatScript.Parse(text);
            var before = script.Tokens.Select(t => t.Value).ToList();
            try
            {
                script.ReplaceToken(script.Tokens[i], value);
            }
            catch (ArgumentException)
            {
                Assert.Equal(text, script.Text);
                return;
            }
            var expected = before.ToList();
            expected[i] = value;
            Assert.Equal(expected, ChatScript.Parse(script.Text).Tokens.Select(t => t.Value));
        }, iter: Iterations);
    }
}
