namespace PppTui.Core.Tests.Kinds;

public class ExtraLineTests
{
    private static readonly Gen<string> Piece = Gen.OneOfConst(
        "lock", "mtu", " ", "\t", "1400", "\"", "'", "\\", "\n", "#", "a", "\"\"", "''", "\\\n", "x y");

    /// <summary>An extra line is read alone, and again followed by a newline only when that can keep a last word.</summary>
    [Fact]
    public void Any_extra_line_reads_as_it_does_alone_or_followed_by_a_newline_whichever_keeps_more()
    {
        Piece.Array[0, 8].Select(string.Concat).Sample(line =>
        {
            var alone = OptionFile.Parse(line).Entries;
            var followed = OptionFile.Parse(line + "\n").Entries;
            var expected = followed.Count > alone.Count ? followed : alone;
            Assert.Equal(expected.Select(e => (e.Name, e.Argument)), ProfileRenderer.ExtraLineEntries(line).Select(e => (e.Name, e.Argument)));
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("lock \"\"", 2)]
    [InlineData("lock ''", 2)]
    [InlineData("lock \"", 2)]
    [InlineData("lock", 1)]
    public void A_line_ending_in_an_empty_or_open_quote_keeps_its_last_word(string line, int entries)
    {
        Assert.Equal(entries, ProfileRenderer.ExtraLineEntries(line).Count);
    }
}
