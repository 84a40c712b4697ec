namespace PppTui.Core.Tests.PppConfig;

/// <summary>
/// After an edit the reader reads only from the last word before it until it meets the old words
/// again. Whatever the text and the edit, that must be exactly the reading of the whole new text.
/// </summary>
public class EditedReadingTests
{
    private static readonly Gen<string> Piece = Gen.Frequency(
        (10, Gen.OneOfConst("mtu", "1400", "lock", "name", "a", "x y", "é", "漢")),
        (10, Gen.OneOfConst(" ", "\t", "\n", "\r\n", "  ")),
        (4, Gen.OneOfConst("#", "# comment\n", "\"", "'", "\\", "\\\n", "\\x41", "\\101", "\"a b\"", "''", "\"\"", "\0")));

    private static readonly Gen<string> Text = Piece.Array[0, 40].Select(string.Concat);

    [Fact]
    public void Reading_only_around_any_edit_gives_the_reading_of_the_whole_new_text()
    {
        Gen.Select(Text, Gen.Int[0, 1000], Gen.Int[0, 12], Piece.Array[0, 3].Select(string.Concat)).Sample((before, at, removed, inserted) =>
        {
            var start = Math.Min(at, before.Length);
            var end = Math.Min(start + removed, before.Length);
            var after = string.Concat(before.AsSpan(0, start), inserted, before.AsSpan(end));

            var edited = PppWordReader.ReadEdited(PppWordReader.Read(before), after, start, end, start + inserted.Length);

            var whole = PppWordReader.Read(after);
            Assert.Equal(whole.Words.Select(Describe), edited.Words.Select(Describe));
            Assert.Equal(whole.Problems, edited.Problems);
        }, iter: 50_000);
    }

    [Fact]
    public void After_any_edits_an_options_file_reads_as_its_text_read_anew()
    {
        var edit = Gen.OneOfConst<Action<OptionFile>>(
            f => f.Set("mtu", "1500"), f => f.Set("mtu", "1400"), f => f.Set("name", "a b\"c"), f => f.Set("lock"),
            f => f.Remove("lock"), f => f.Remove("mtu"), f => f.Add("noauth"), f => f.Add("ms-dns", ""), f => f.Set("ipparam", "é"));
        Gen.Select(Text, edit.Array[1, 6]).Sample((text, edits) =>
        {
            var file = OptionFile.Parse(text);
            foreach (var change in edits)
            {
                try { change(file); }
                catch (InvalidOperationException) { }
                var fresh = OptionFile.Parse(file.Text);
                Assert.Equal(fresh.Words.Select(Describe), file.Words.Select(Describe));
                Assert.Equal(fresh.Entries.Select(e => (e.Name, e.Argument, e.NameWord.Start, e.ArgumentWord?.End)), file.Entries.Select(e => (e.Name, e.Argument, e.NameWord.Start, e.ArgumentWord?.End)));
                Assert.Equal(fresh.Problems, file.Problems);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void After_any_edits_a_secrets_file_reads_as_its_text_read_anew()
    {
        var record = Gen.OneOfConst("alice * pw *\n", "bob\tvpn\t\"s e\"\n", "# alice * old *\n", "carol * x 10.0.0.1 -- mtu 1400\n", "a b\n", "\n");
        var edit = Gen.OneOfConst<Action<SecretsFile>>(
            f => f.Set("alice", "*", "new"), f => f.Set("alice", "*", ""), f => f.Set("bob", "vpn", "p w", ["10.0.0.2"]),
            f => f.Set("dave", "*", "d"), f => f.Remove("alice", "*"), f => f.Remove("carol", "*"), f => f.Set("carol", "*", "y", []));
        Gen.Select(Gen.Select(record.Array[0, 12].Select(string.Concat), Piece.Array[0, 3].Select(string.Concat), (a, b) => a + b),
            edit.Array[1, 6]).Sample((text, edits) =>
        {
            var file = SecretsFile.Parse(text);
            foreach (var change in edits)
            {
                try { change(file); }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException) { }
                var fresh = SecretsFile.Parse(file.Text);
                Assert.Equal(fresh.Records.Select(DescribeRecord), file.Records.Select(DescribeRecord));
                Assert.Equal(fresh.Problems, file.Problems);
                Assert.Equal(fresh.MaskedText(), file.MaskedText());
            }
        }, iter: 20_000);
    }

    [Fact]
    public void An_edit_near_the_end_of_a_long_file_keeps_every_word_before_it()
    {
        var before = string.Concat(Enumerable.Repeat("# comment\nlock\n", 1000)) + "mtu 1400\nmru 1400\n";
        var start = before.IndexOf("1400", StringComparison.Ordinal);
        var after = string.Concat(before.AsSpan(0, start), "1500", before.AsSpan(start + 4));
        var old = PppWordReader.Read(before);

        var edited = PppWordReader.ReadEdited(old, after, start, start + 4, start + 4);

        Assert.Equal(["mtu", "1500", "mru", "1400"], edited.Words.TakeLast(4).Select(w => w.Value));
        Assert.All(Enumerable.Range(0, 1000), i => Assert.Same(old.Words[i], edited.Words[i]));
        Assert.Same(old.Words[^1], edited.Words[^1]);
    }

    private static string DescribeRecord(SecretRecord record) =>
        $"{record.Client}|{record.Server}|{record.Secret}|{string.Join(',', record.Addresses)}|{string.Join(',', record.Options)}|" +
        $"{record.Line}|{record.Start}-{record.End}|{string.Join(',', record.Words.Select(Describe))}";

    private static string Describe(PppWord word) =>
        $"{word.Value}|{word.Start}-{word.End}|{word.Line}-{word.EndLine}|{word.WasQuoted}|{word.AfterNewline}";
}
