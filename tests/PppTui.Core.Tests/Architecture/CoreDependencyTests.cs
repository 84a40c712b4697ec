using System.Reflection;

namespace PppTui.Core.Tests.Architecture;

public class CoreDependencyTests
{
    [Fact]
    public void The_core_references_no_ui_library()
    {
        var core = typeof(PppTui.Core.Files.SystemPaths).Assembly;
        var references = core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Terminal.Gui", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(references, name => name == "Tomlyn" || name == "CliWrap" || name == "Serilog" || name == "System.Runtime");
    }

    [Fact]
    public void The_core_project_file_has_no_terminal_gui_package()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var project = File.ReadAllText(Path.Combine(dir!.FullName, "src", "PppTui.Core", "PppTui.Core.csproj"));
        Assert.DoesNotContain("Terminal.Gui", project);
    }
}
