package dev.escalator;

import static dev.escalator.Manifests.cast;
import static dev.escalator.Manifests.list;
import static dev.escalator.Manifests.map;
import static dev.escalator.Manifests.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The files under manifests/k8s agree with the bot they deploy: its port, probes, variables and configuration. */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("manifests/k8s");

    private final Map<String, Object> deployment = load("deployment.yaml");
    private final Map<String, Object> pod = map(deployment, "spec", "template", "spec");
    private final Map<String, Object> container = only(list(pod, "containers"));

    @Test
    void containerListensOnTheBotsDefaultPortAndTheServiceForwardsThere() {
        var service = load("service.yaml");
        Map<String, Object> servicePort = only(list(map(service, "spec"), "ports"));

        assertThat(containerPort("http")).isEqualTo(Settings.DEFAULT_PORT);
        assertThat(environment()).containsEntry("PORT", Integer.toString(Settings.DEFAULT_PORT));
        assertThat(resolvePort(servicePort.get("targetPort"))).isEqualTo(Settings.DEFAULT_PORT);
        assertThat(servicePort).containsEntry("port", 80);
    }

    @Test
    void probesAskHealthzAndReadyzOnTheBotsPort() {
        assertThat(probe("startupProbe")).isEqualTo("GET /healthz on " + Settings.DEFAULT_PORT);
        assertThat(probe("livenessProbe")).isEqualTo("GET /healthz on " + Settings.DEFAULT_PORT);
        assertThat(probe("readinessProbe")).isEqualTo("GET /readyz on " + Settings.DEFAULT_PORT);
    }

    @Test
    void everyVariableTheDeploymentSetsIsOneTheBotReads() throws IOException {
        var defaults = Settings.fromEnvironment(Map.of());
        String logback = Files.readString(Path.of("src/main/resources/logback.xml"));

        assertThat(environment().keySet()).isNotEmpty().allSatisfy(name -> {
            boolean logbackReadsIt = logback.contains("${" + name + ":-");
            assertThat(logbackReadsIt || settingsReact(name, defaults))
                    .as("%s is read by Settings or by logback.xml", name)
                    .isTrue();
        });
    }

    @Test
    void secretTemplateHoldsExactlyTheKeysTheDeploymentTakesFromTheSecret() {
        var secret = load("secret.example.yaml");

        assertThat(map(secret, "stringData").keySet())
                .containsExactlyInAnyOrderElementsOf(secretKeyRefs().keySet());
        assertThat(String.valueOf(map(secret, "stringData").get("MONGODB_URI")))
                .contains("replicaSet=")
                .contains("w=majority")
                .contains("retryWrites=true");
    }

    @Test
    void severalReplicasCannotStartWithoutMongodbUri() {
        assertThat((Integer) map(deployment, "spec").get("replicas")).isGreaterThan(1);
        assertThat(secretKeyRefs()).containsEntry("MONGODB_URI", false);
        assertThat(secretKeyRefs()).containsEntry("SLACK_BOT_TOKEN", true);
    }

    @Test
    void configMapHoldsTheExampleConfigurationWhereEscalatorConfigPoints() throws IOException {
        var configMap = load("configmap.yaml");
        String text = String.valueOf(map(configMap, "data").get("escalator.yml"));

        var result = ConfigLoader.parse(text, "escalator.yml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(text).isEqualTo(Files.readString(Path.of("manifests/escalator.example.yml")));
        String volume = volumeOf("configMap", map(configMap, "metadata").get("name"));
        assertThat(environment()).containsEntry("ESCALATOR_CONFIG", mountPath(volume) + "/escalator.yml");
    }

    @Test
    void containerRunsAsTheImagesUserWithAReadOnlyRootAndNoCapabilities() throws IOException {
        var podSecurity = map(pod, "securityContext");
        var containerSecurity = map(container, "securityContext");
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(podSecurity).containsEntry("runAsNonRoot", true);
        assertThat(dockerfile).contains("USER " + podSecurity.get("runAsUser") + ":" + podSecurity.get("runAsGroup"));
        assertThat(map(podSecurity, "seccompProfile")).containsEntry("type", "RuntimeDefault");
        assertThat(containerSecurity)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(map(containerSecurity, "capabilities"), "drop")).containsExactly("ALL");
        assertThat(mountPath(volumeOf("emptyDir", null))).isEqualTo("/tmp");
        assertThat(pod).containsEntry("terminationGracePeriodSeconds", 30);
    }

    @Test
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");

        assertThat(podLabels).containsAllEntriesOf(map(deployment, "spec", "selector", "matchLabels"));
        assertThat(podLabels).containsAllEntriesOf(map(load("service.yaml"), "spec", "selector"));
        var budget = map(load("pdb.yaml"), "spec");
        assertThat(podLabels).containsAllEntriesOf(map(budget, "selector", "matchLabels"));
        assertThat(budget).containsEntry("minAvailable", 1);
    }

    @Test
    void kustomizationListsFilesThatExistButNotTheSecretTemplate() {
        List<Object> resources = list(load("kustomization.yaml"), "resources");

        assertThat(resources)
                .isNotEmpty()
                .allSatisfy(file -> assertThat(K8S.resolve(file.toString())).isRegularFile())
                .contains("deployment.yaml", "service.yaml", "configmap.yaml", "pdb.yaml")
                .doesNotContain("secret.example.yaml");
    }

    @Test
    void theImagesHeapShareOfTheMemoryLimitLeavesTheJvmItsMeasuredNeedOutsideTheHeap() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        var percentage =
                java.util.regex.Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(dockerfile);
        assertThat(percentage.find())
                .as("the image sizes its heap from the limit")
                .isTrue();
        String limit = String.valueOf(map(container, "resources", "limits").get("memory"));
        assertThat(limit).as("a limit in MiB").matches("\\d+Mi");

        long limitMib = Long.parseLong(limit.replace("Mi", ""));
        long heapMib = limitMib * Integer.parseInt(percentage.group(1)) / 100;

        // docs/operations.md, "Memory": ~100 MB measured outside the heap idle, 110-150 MB budgeted under load
        assertThat(limitMib - heapMib).as("MiB left outside the heap").isGreaterThanOrEqualTo(150);
        // and 63 MB live on the heap with 100,000 open escalations
        assertThat(heapMib).as("MiB of heap").isGreaterThanOrEqualTo(4 * 63);
    }

    /** Whether setting {@code name} changes what the bot reads from its environment, or is refused by name. */
    private static boolean settingsReact(String name, Settings defaults) {
        try {
            return !Settings.fromEnvironment(Map.of(name, "4242")).equals(defaults);
        } catch (IllegalArgumentException refused) {
            return refused.getMessage().startsWith(name + " ");
        }
    }

    /** Variables the container gets: a literal value, or {@code secret} for a value from the Secret. */
    private Map<String, String> environment() {
        var environment = new java.util.LinkedHashMap<String, String>();
        for (Object item : list(container, "env")) {
            Map<String, Object> variable = cast(item);
            environment.put(
                    String.valueOf(variable.get("name")),
                    variable.containsKey("value") ? String.valueOf(variable.get("value")) : "secret");
        }
        return environment;
    }

    /** Variables taken from the Secret, with whether each may be missing from it. */
    private Map<String, Boolean> secretKeyRefs() {
        var refs = new java.util.LinkedHashMap<String, Boolean>();
        for (Object item : list(container, "env")) {
            Map<String, Object> variable = cast(item);
            Optional.ofNullable(variable.get("valueFrom"))
                    .map(Manifests::cast)
                    .map(from -> from.get("secretKeyRef"))
                    .map(Manifests::cast)
                    .ifPresent(ref -> {
                        assertThat(ref).containsEntry("name", "escalator");
                        refs.put(String.valueOf(ref.get("key")), Boolean.TRUE.equals(ref.get("optional")));
                    });
        }
        return refs;
    }

    private String probe(String kind) {
        Map<String, Object> get = map(container, kind, "httpGet");
        return "GET " + get.get("path") + " on " + resolvePort(get.get("port"));
    }

    /** A port given by number, or by the name of one of the container's ports. */
    private int resolvePort(Object port) {
        return port instanceof Integer number ? number : containerPort(String.valueOf(port));
    }

    private int containerPort(String name) {
        return list(container, "ports").stream()
                .map(Manifests::cast)
                .filter(port -> name.equals(port.get("name")))
                .map(port -> (Integer) port.get("containerPort"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    /** The name of the pod volume of {@code kind} (e.g. configMap), of the given source name when there is one. */
    private String volumeOf(String kind, Object sourceName) {
        return list(pod, "volumes").stream()
                .map(Manifests::cast)
                .filter(volume -> volume.containsKey(kind))
                .filter(volume -> sourceName == null
                        || Objects.equals(sourceName, map(volume, kind).get("name")))
                .map(volume -> String.valueOf(volume.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no %s volume %s".formatted(kind, sourceName)));
    }

    private String mountPath(String volume) {
        return list(container, "volumeMounts").stream()
                .map(Manifests::cast)
                .filter(mount -> volume.equals(mount.get("name")))
                .map(mount -> String.valueOf(mount.get("mountPath")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
    }

    private static Map<String, Object> load(String file) {
        return Manifests.load(K8S.resolve(file));
    }
}
