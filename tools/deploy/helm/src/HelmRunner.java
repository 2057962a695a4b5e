import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny command line over helm-java (Helm compiled into a native library), for the deploy
 * tests (tools/deploy/src/helm.ts):
 *
 *   version                      Helm's version
 *   lint <chart-dir>             `helm lint --strict`; messages on stdout; exit 1 when it fails
 *   template <chart-dir> <release> <namespace> <kube-version> [values.yaml ...]
 *                                the rendered manifests on stdout; exit 1 with Helm's error on stderr
 *
 * `template` first runs `helm install --dry-run=client` with the same values: that is where Helm
 * checks them against values.schema.json and says what is wrong (helm-java's template call
 * drops the message and returns nothing). Hooks are not part of helm-java's template output.
 */
public final class HelmRunner {
  private HelmRunner() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (RuntimeException error) {
      System.err.println(error.getMessage());
      System.exit(1);
    }
  }

  private static int run(String[] args) {
    String command = args.length > 0 ? args[0] : "";
    switch (command) {
      case "version":
        System.out.println(Helm.version().call());
        return 0;
      case "lint":
        requireArgs(args, 2);
        LintResult result = new Helm(Path.of(args[1])).lint().strict().call();
        result.getMessages().forEach(System.out::println);
        return result.isFailed() ? 1 : 0;
      case "template":
        requireArgs(args, 5);
        return template(Path.of(args[1]), args[2], args[3], args[4], Arrays.asList(args).subList(5, args.length));
      default:
        System.err.println("usage: HelmRunner version | lint <chart> | template <chart> <release> <namespace> <kube-version> [values.yaml ...]");
        return 2;
    }
  }

  private static int template(Path chart, String release, String namespace, String kubeVersion, List<String> valuesFiles) {
    InstallCommand install = new Helm(chart).install()
        .withName(release)
        .withNamespace(namespace)
        .withKubeVersion(kubeVersion)
        .withDryRunOption(DryRun.CLIENT)
        .clientOnly();
    TemplateCommand template = new Helm(chart).template()
        .withName(release)
        .withNamespace(namespace)
        .withKubeVersion(kubeVersion);
    for (String valuesFile : valuesFiles) {
      install = install.withValuesFile(Path.of(valuesFile));
      template = template.withValuesFile(Path.of(valuesFile));
    }
    install.call(); // throws with Helm's message when the values or the chart are invalid
    String manifests = template.call();
    if (manifests == null) throw new IllegalStateException("helm template rendered nothing");
    System.out.print(manifests);
    return 0;
  }

  private static void requireArgs(String[] args, int count) {
    if (args.length < count) throw new IllegalArgumentException("missing arguments for " + args[0]);
  }
}
