namespace PppTui.Core.Tests.Files;

public class AtomicFileWriterTests
{
    private static readonly UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void A_new_file_gets_the_mode_it_is_given_and_no_temporary_file_is_left()
    {
        using var root = new SandboxRoot();
        var writer = new AtomicFileWriter(new BackupStore(root.Paths));
        var path = root.PathOf("/etc/ppp/chap-secrets");

        var backup = writer.Write(path, "alice * pw\n", Secret);

        Assert.Null(backup);
        Assert.Equal("alice * pw\n", File.ReadAllText(path));
        Assert.Equal(Secret, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".*.tmp"));
    }

    [Fact]
    public void An_existing_file_keeps_its_mode_and_its_previous_version_is_backed_up_with_that_mode()
    {
        using var root = new SandboxRoot();
        root.Write("/etc/ppp/chap-secrets", "old\n", Secret | UnixFileMode.GroupRead);
        var backups = new BackupStore(root.Paths);
        var writer = new AtomicFileWriter(backups);
        var path = root.PathOf("/etc/ppp/chap-secrets");

        var backup = writer.Write(path, "new\n", UnixFileMode.UserRead);

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(Secret | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.NotNull(backup);
        Assert.Equal("old\n", File.ReadAllText(backup!));
        Assert.Equal(Secret | UnixFileMode.GroupRead, File.GetUnixFileMode(backup!));
        Assert.Equal([backup!], backups.For(path));
    }

    [Fact]
    public void Backups_are_pruned_to_the_newest_few()
    {
        using var root = new SandboxRoot();
        var backups = new BackupStore(root.Paths, keepPerFile: 3);
        var writer = new AtomicFileWriter(backups);
        var path = root.PathOf("/etc/ppp/peers/x");
        for (var i = 0; i < 6; i++)
        {
            writer.Write(path, $"v{i}\n", Secret);
            Thread.Sleep(2);
        }

        var kept = backups.For(path);

        Assert.Equal(3, kept.Count);
        Assert.Equal("v4\n", File.ReadAllText(kept[0]));
    }

    [Fact]
    public void A_second_apply_lock_waits_and_then_gives_a_clear_refusal()
    {
        using var root = new SandboxRoot();
        using var first = ApplyLock.Acquire(root.Paths, TimeSpan.FromSeconds(1));

        var ex = Assert.Throws<PppTuiException>(() => ApplyLock.Acquire(root.Paths, TimeSpan.FromMilliseconds(200)));

        Assert.Contains("another ppptui is applying changes", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_rather_than_rewritten()
    {
        using var root = new SandboxRoot();
        var path = root.PathOf("/etc/ppp/peers/latin1");
        File.WriteAllBytes(path, [0x6e, 0x61, 0x6d, 0x65, 0x20, 0xe9, 0x0a]);

        var ex = Assert.Throws<PppTuiException>(() => TextFile.ReadOrNull(path));

        Assert.Contains("latin1:1: not valid UTF-8", ex.Message);
        Assert.Equal(1, ex.Line);
        Assert.Equal(FailureKind.Invalid, ex.Kind);
        // The file may hold records that are not ours: the fix is by hand, at the line, never a conversion.
        Assert.DoesNotContain("iconv", ex.Fix);
        Assert.Contains("line 1", ex.Fix);
    }
}

public class TextDiffTests
{
    [Fact]
    public void One_changed_line_gives_one_hunk_with_context()
    {
        var diff = TextDiff.Unified("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n", "a/x", "b/x");

        Assert.Equal("--- a/x\n+++ b/x\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n", diff);
    }

    [Fact]
    public void Equal_texts_give_no_diff_and_a_line_ending_change_is_visible()
    {
        Assert.Equal("", TextDiff.Unified("a\n", "a\n", "a", "b"));
        var diff = TextDiff.Unified("a\r\nb\r\n", "a\r\nb\n", "a", "b");
        Assert.Equal((1, 1), TextDiff.Count(diff));
    }

    [Fact]
    public void A_new_file_diffs_against_nothing()
    {
        var diff = TextDiff.Unified(null, "x\ny", "/dev/null", "b/f");

        Assert.Contains("+x\n+y\n\\ No newline at end of file\n", diff);
        Assert.Equal((0, 2), TextDiff.Count(diff));
    }
}
