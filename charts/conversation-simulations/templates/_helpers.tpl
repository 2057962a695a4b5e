{{/*
Names, labels, images and the environment every component shares. Each component is one
Deployment rendered by "cs.deployment"; the environment variables are exactly the names the
component's configuration reads (tools/deploy checks them against the code).
*/}}

{{- define "cs.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cs.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The five subgraph services: their values key, name, port (the code's default) and the gateway's URL variable. */}}
{{- define "cs.subgraphs" -}}
- key: testCases
  name: test-cases
  port: 4101
  urlVariable: TEST_CASES_URL
- key: generation
  name: generation
  port: 4102
  urlVariable: GENERATION_URL
  llm: true
- key: orchestrator
  name: orchestrator
  port: 4103
  urlVariable: ORCHESTRATOR_URL
- key: simulation
  name: simulation
  port: 4104
  urlVariable: SIMULATION_URL
  llm: true
- key: evaluation
  name: evaluation
  port: 4105
  urlVariable: EVALUATION_URL
  llm: true
{{- end -}}

{{/* <fullname>-<component>, e.g. release-conversation-simulations-gateway. Args: (list root component). */}}
{{- define "cs.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "cs.fullname" $root | trunc 50 | trimSuffix "-") (index . 1) -}}
{{- end -}}

{{- define "cs.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "cs.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "cs.labels" -}}
{{- $root := index . 0 -}}
{{ include "cs.selectorLabels" . }}
app.kubernetes.io/part-of: conversation-simulations
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* <registry>/<prefix>/<component>:<tag>. Args: (list root imageName). */}}
{{- define "cs.image" -}}
{{- $root := index . 0 -}}
{{- $image := $root.Values.image -}}
{{- $repository := printf "%s/%s" $image.repositoryPrefix (index . 1) -}}
{{- if $image.registry -}}{{- $repository = printf "%s/%s" (trimSuffix "/" $image.registry) $repository -}}{{- end -}}
{{- printf "%s:%s" $repository (default $root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* One variable from an existing Secret. Args: (list variable secretRef). */}}
{{- define "cs.secretEnv" -}}
{{- $ref := index . 1 }}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.name | quote }}
      key: {{ $ref.key | quote }}
{{- end -}}

{{- define "cs.caPath.kafka" -}}/etc/conversation-simulations/kafka-ca/ca.crt{{- end -}}
{{- define "cs.caPath.postgresql" -}}/etc/conversation-simulations/postgresql-ca/ca.crt{{- end -}}

{{/* Kafka: brokers, TLS and SASL (gateway and services). */}}
{{- define "cs.env.kafka" -}}
{{- $kafka := .Values.kafka }}
- name: KAFKA_BROKERS
  value: {{ join "," $kafka.brokers | quote }}
- name: KAFKA_SSL
  value: {{ $kafka.tls.enabled | toString | quote }}
{{- if and $kafka.tls.enabled $kafka.tls.caSecret.name }}
- name: KAFKA_SSL_CA_FILE
  value: {{ include "cs.caPath.kafka" . | quote }}
{{- end }}
{{- if $kafka.sasl.enabled }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME
  value: {{ $kafka.sasl.username | quote }}
{{- include "cs.secretEnv" (list "KAFKA_SASL_PASSWORD" $kafka.sasl.passwordSecret) }}
{{- end }}
{{- end -}}

{{/* PostgreSQL: URL (a Secret), TLS, pool and the RLS role. Also the migration Job's. */}}
{{- define "cs.env.database" -}}
{{- $pg := .Values.postgresql }}
{{- include "cs.secretEnv" (list "DATABASE_URL" .Values.secrets.database) }}
- name: DB_APP_ROLE
  value: {{ $pg.appRole | quote }}
{{- if $pg.ssl.mode }}
- name: DATABASE_SSL_MODE
  value: {{ $pg.ssl.mode | quote }}
{{- end }}
{{- if $pg.ssl.caSecret.name }}
- name: DATABASE_SSL_CA_FILE
  value: {{ include "cs.caPath.postgresql" . | quote }}
{{- end }}
{{- end -}}

{{/* Logs, traces and shutdown (gateway and services). */}}
{{- define "cs.env.observability" }}
- name: LOG_LEVEL
  value: {{ .Values.logging.level | quote }}
- name: LOG_FORMAT
  value: {{ .Values.logging.format | quote }}
{{- if .Values.observability.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .Values.observability.otlpEndpoint | quote }}
{{- end }}
- name: OTEL_TRACES_SAMPLE_RATIO
  value: {{ .Values.observability.tracesSampleRatio | toString | quote }}
- name: SHUTDOWN_TIMEOUT_MS
  value: {{ .Values.shutdownTimeoutMs | int | toString | quote }}
{{- end -}}

{{/* What every service reads (libs/subgraph service.config.ts). Args: (list root subgraph). */}}
{{- define "cs.env.service" -}}
{{- $root := index . 0 -}}
{{- $subgraph := index . 1 }}
- name: PORT
  value: {{ $subgraph.port | int | toString | quote }}
- name: HOST
  value: "0.0.0.0"
{{- include "cs.env.database" $root }}
- name: DATABASE_POOL_SIZE
  value: {{ $root.Values.postgresql.poolSize | int | toString | quote }}
{{- include "cs.env.kafka" $root }}
{{- include "cs.secretEnv" (list "INTERNAL_AUTH_SECRET" $root.Values.secrets.internalAuth) }}
{{- include "cs.env.observability" $root }}
{{- end -}}

{{/* The LLM library's variables (generation, simulation, evaluation). */}}
{{- define "cs.env.llm" -}}
{{- if .Values.llm.baseUrl }}
- name: LLM_BASE_URL
  value: {{ .Values.llm.baseUrl | quote }}
{{- end }}
{{- if .Values.secrets.llmApiKey.name }}
{{- include "cs.secretEnv" (list "LLM_API_KEY" .Values.secrets.llmApiKey) }}
{{- end }}
- name: LLM_SIMULATOR_MODEL
  value: {{ .Values.llm.models.simulator | quote }}
- name: LLM_JUDGE_MODEL
  value: {{ .Values.llm.models.judge | quote }}
- name: LLM_GENERATOR_MODEL
  value: {{ .Values.llm.models.generator | quote }}
{{- end -}}

{{/* A component's `env` map (further settings by variable name), in name order. */}}
{{- define "cs.env.extra" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Volumes every pod has: a writable /tmp (the root filesystem is read-only) and the CA certificates. */}}
{{- define "cs.volumes" -}}
- name: tmp
  emptyDir: {}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret.name }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret.name | quote }}
    items:
      - key: {{ .Values.kafka.tls.caSecret.key | quote }}
        path: ca.crt
{{- end }}
{{- if .Values.postgresql.ssl.caSecret.name }}
- name: postgresql-ca
  secret:
    secretName: {{ .Values.postgresql.ssl.caSecret.name | quote }}
    items:
      - key: {{ .Values.postgresql.ssl.caSecret.key | quote }}
        path: ca.crt
{{- end }}
{{- end -}}

{{- define "cs.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret.name }}
- name: kafka-ca
  mountPath: /etc/conversation-simulations/kafka-ca
  readOnly: true
{{- end }}
{{- if .Values.postgresql.ssl.caSecret.name }}
- name: postgresql-ca
  mountPath: /etc/conversation-simulations/postgresql-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* Seconds a pod gets to stop: the processes' own shutdown budget plus the preStop pause and a margin. */}}
{{- define "cs.terminationGracePeriodSeconds" -}}
{{- add (div (int .Values.shutdownTimeoutMs) 1000) 15 -}}
{{- end -}}

{{/*
A component's Deployment. Args (dict):
  root, name (component), image (image name), port, values (the component's values),
  env (rendered list), probes (rendered probes), replicasManaged (HPA or KEDA sets replicas),
  extraVolumes / extraVolumeMounts (rendered lists, optional), noMetrics (no /metrics to scrape).
*/}}
{{- define "cs.deployment" -}}
{{- $root := .root -}}
{{- $values := .values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "cs.componentName" (list $root .name) }}
  labels:
    {{- include "cs.labels" (list $root .name) | nindent 4 }}
spec:
  {{- if not .replicasManaged }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "cs.selectorLabels" (list $root .name) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "cs.labels" (list $root .name) | nindent 8 }}
      {{- if and $root.Values.observability.scrapeAnnotations (not .noMetrics) }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ .port | toString | quote }}
        prometheus.io/path: /metrics
      {{- end }}
    spec:
      {{- with $root.Values.serviceAccountName }}
      serviceAccountName: {{ . }}
      {{- end }}
      automountServiceAccountToken: false
      # Service links would put variables such as <SERVICE>_PORT into every process environment.
      enableServiceLinks: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ include "cs.terminationGracePeriodSeconds" $root }}
      containers:
        - name: {{ .name }}
          image: {{ include "cs.image" (list $root .image) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
          env:
            {{- .env | nindent 12 }}
          {{- .probes | nindent 10 }}
          lifecycle:
            # Endpoints stop routing to a terminating pod a moment after it is told to stop.
            preStop:
              exec:
                command: ["sleep", "5"]
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            {{- include "cs.volumeMounts" $root | nindent 12 }}
            {{- with .extraVolumeMounts }}{{ . | nindent 12 }}{{ end }}
      volumes:
        {{- include "cs.volumes" $root | nindent 8 }}
        {{- with .extraVolumes }}{{ . | nindent 8 }}{{ end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/* A component's ClusterIP Service. Args: (list root name port). */}}
{{- define "cs.service" -}}
{{- $root := index . 0 -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "cs.componentName" (list $root (index . 1)) }}
  labels:
    {{- include "cs.labels" (list $root (index . 1)) | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "cs.selectorLabels" (list $root (index . 1)) | nindent 4 }}
  ports:
    - name: http
      port: {{ index . 2 }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{/*
Probes of a subgraph service. Liveness: the process accepts connections (it must not depend on
the database, or an outage of PostgreSQL would restart every pod). Readiness: /health, the
service's own answer (200 only while it reaches its database). Start-up: the same, with room
for the migrations a service checks on boot.
*/}}
{{- define "cs.probes.service" -}}
startupProbe:
  httpGet:
    path: /health
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 36
readinessProbe:
  httpGet:
    path: /health
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
livenessProbe:
  tcpSocket:
    port: http
  periodSeconds: 20
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/*
Probes of the gateway. Liveness: /health/live (the process answers). Readiness: /health,
200 only while every subgraph answers its own /health.
*/}}
{{- define "cs.probes.gateway" -}}
startupProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 24
readinessProbe:
  httpGet:
    path: /health
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: 20
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/*
Probes of the web app. web/server answers 503 until Next.js is ready, then serves pages:
readiness asks for the front page; liveness only that the process accepts connections (a
slow page must not restart it).
*/}}
{{- define "cs.probes.web" -}}
startupProbe:
  httpGet:
    path: /
    port: http
  periodSeconds: 5
  timeoutSeconds: 5
  failureThreshold: 36
readinessProbe:
  httpGet:
    path: /
    port: http
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
livenessProbe:
  tcpSocket:
    port: http
  periodSeconds: 20
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}
