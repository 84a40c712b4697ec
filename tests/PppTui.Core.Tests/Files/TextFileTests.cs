namespace PppTui.Core.Tests.Files;

/// <summary>Reading a file whole, whatever length it claims.</summary>
public sealed class TextFileTests : IDisposable
{
    private readonly SandboxRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(4097)]
    [InlineData(64 * 1024)]
    [InlineData(200 * 1024 + 3)]
    public void A_file_is_read_to_its_last_byte_whatever_its_size(int size)
    {
        var text = string.Concat(Enumerable.Range(0, size).Select(i => (char)('a' + i % 26)));
        _root.Write("/etc/ppp/options", text);

        Assert.Equal(text, TextFile.ReadOrNull(_root.PathOf("/etc/ppp/options")));
    }

    [Fact]
    public void A_file_that_claims_no_length_is_read_to_its_end_as_proc_files_are()
    {
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);

        var text = TextFile.ReadOrNull("/proc/self/status");

        Assert.Contains("Pid:", text);
        Assert.Contains("VmRSS:", text);
    }
}
