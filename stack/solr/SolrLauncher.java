// Starts the real Apache Solr engine (from Maven Central jars) on 127.0.0.1
// through the embedded Jetty runner of Solr's own test framework.
// Usage: java -cp <jars> SolrLauncher.java <solr-home> <port>
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

public class SolrLauncher {
    public static void main(String[] args) throws Exception {
        String solrHome = args[0];
        int port = Integer.parseInt(args[1]);
        System.setProperty("solr.solr.home", solrHome);
        JettyConfig config = JettyConfig.builder()
            .setPort(port)
            .setContext("/solr")
            .stopAtShutdown(true)
            .build();
        JettySolrRunner runner = new JettySolrRunner(solrHome, config);
        runner.start();
        if (runner.getCoreContainer() == null || runner.getCoreContainer().isShutDown()) {
            System.err.println("Solr did not start: see the log above");
            System.exit(1);
        }
        System.out.println("Solr " + org.apache.solr.core.SolrCore.class.getPackage().getImplementationVersion() + " ready at " + runner.getBaseUrl());
        Thread.currentThread().join();
    }
}
