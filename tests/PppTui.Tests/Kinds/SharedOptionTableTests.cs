using PppTui.Core.Kinds;
using PppTui.Core.Apply;

namespace PppTui.Tests.Kinds;

/// <summary>
/// Each shared PPP option is one row of <see cref="SharedPppOptions.Table"/>: a made-up row added to a
/// copy of the table shows up in profile files, CLI flags, editor fields, rendering and import
/// without a line anywhere else.
/// </summary>
public sealed class SharedOptionTableTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    // pppd's "idle N" (hang up after N idle seconds), which ppptui does not model today.
    private static readonly SharedPppOption Idle = SharedPppOption.Number("idle", "idle", "idle",
        ppp => ppp.More<int?>("idle"), (ppp, v) => ppp.SetMore("idle", v), 0, 86400,
        new FieldPlace("Idle time", "Seconds without traffic before hanging up", 145, OnEveryPage: true));

    private static IDisposable WithIdle() => SharedPppOptions.Use(SharedPppOptions.Default.With(Idle));

    [Fact]
    public void A_new_row_is_read_and_written_in_the_ppp_table_of_profile_files()
    {
        using var _ = WithIdle();
        var profile = KindRegistry.NewProfile("office", ProfileKind.Pptp);
        profile.Ppp.SetMore<int?>("idle", 300);

        var text = ProfileToml.Write(profile);
        var read = ProfileToml.Parse(text, "office.toml", out var problems);

        var pppTable = text[text.IndexOf("[ppp]", StringComparison.Ordinal)..text.IndexOf("[pptp]", StringComparison.Ordinal)];
        Assert.Contains("\nidle = 300\n", pppTable, StringComparison.Ordinal);
        Assert.Empty(problems);
        Assert.Equal(300, read!.Ppp.More<int?>("idle"));
    }

    [Fact]
    public void Without_the_row_the_key_is_unknown()
    {
        ProfileToml.Parse("kind = \"pptp\"\n[ppp]\nidle = 300\n", "office.toml", out var problems);

        Assert.Contains(problems, p => p.Message.StartsWith("ppp.idle: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_row_is_a_cli_flag_that_reaches_the_profile_and_the_peers_file()
    {
        using var _ = WithIdle();
        using var cli = new CliRunner();

        var help = cli.Run("set", "--help");
        var created = cli.Run("new", "office", "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--idle", "300");
        var refused = cli.Run("set", "office", "--idle", "soon");

        Assert.Contains("--idle", help.Out, StringComparison.Ordinal);
        Assert.Contains("Seconds without traffic before hanging up", help.Out, StringComparison.Ordinal);
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("\nidle 300\n", "\n" + cli.Read("/etc/ppp/peers/office"), StringComparison.Ordinal);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("'soon' is not a whole number", refused.Out + refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_row_is_a_field_on_every_editor_page_with_its_label_help_and_validation()
    {
        using var _ = WithIdle();
        foreach (var kind in KindRegistry.All)
        {
            var editor = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Create("p" + kind.Kind.Id, kind.Kind), isNew: true);
            var field = editor.Fields.Single(f => f.Key == "idle");

            Assert.Equal("Idle time", field.Label);
            Assert.Equal("Seconds without traffic before hanging up", field.Help);
            Assert.Equal("PPP", field.Section);
            editor.SetValue("idle", "999999");
            Assert.Contains(editor.Messages, m => m.FieldKey == "idle");
        }
    }

    [Fact]
    public void A_new_row_is_rendered_into_the_peers_file_and_read_back_by_import()
    {
        using var _ = WithIdle();
        var profile = KindRegistry.NewProfile("office", ProfileKind.Pptp);
        profile.Pptp!.Server = "192.0.2.1";
        profile.Ppp.User = "alice";
        profile.Ppp.SetMore<int?>("idle", 600);

        var peers = _sandbox.Service.Preview(profile).Files.Single(f => f.Role == Core.Apply.FileRole.Peers).NewText;
        var imported = _sandbox.Service.Importer.FromText("office", peers).Profile;

        Assert.Contains("\nidle 600\n", peers, StringComparison.Ordinal);
        Assert.Equal(600, imported.Ppp.More<int?>("idle"));
        Assert.DoesNotContain(imported.ExtraOptions, line => line.StartsWith("idle", StringComparison.Ordinal));
    }
}
