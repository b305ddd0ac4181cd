# Used by `sam build` (template.yaml's functions have BuildMethod: makefile): builds the deployable
# jar and puts it in each function's artifacts directory as lib/touchline-lambda.jar.
JAR := adapter-lambda/target/touchline-lambda.jar

jar:
	mvn -B -q -pl adapter-lambda -am package -DskipTests

build-ApiFunction build-EventsFunction: jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(JAR) "$(ARTIFACTS_DIR)/lib/"

.PHONY: jar build-ApiFunction build-EventsFunction
